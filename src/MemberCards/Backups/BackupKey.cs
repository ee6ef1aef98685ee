namespace MemberCards.Backups;

/// <summary>
/// The key backups are encrypted with: <see cref="BackupOptions.Key"/>, else the file <see cref="BackupOptions.KeyFile"/>,
/// else keys/backup.key beside the database, made on first use and readable by its owner only. A backup is only as
/// safe as its key kept apart from it: keep a copy of the key somewhere else than the backups (README, "Backups").
/// </summary>
public static class BackupKey
{
    public const string DefaultFile = "backup.key";

    /// <exception cref="InvalidOperationException">The configured key is not 32 bytes of base64, or its file cannot be read.</exception>
    public static byte[] Resolve(BackupOptions options, string databaseFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return Decode(options.Key, "MemberCards:Backup:Key");
        }
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            var file = Path.GetFullPath(options.KeyFile, databaseFolder);
            try
            {
                return Decode(File.ReadAllText(file), $"the key file {file}");
            }
            catch (IOException exception)
            {
                throw new InvalidOperationException($"The backup key file {file} cannot be read: {exception.Message}", exception);
            }
        }
        var made = Path.Combine(databaseFolder, "keys", DefaultFile);
        if (!File.Exists(made))
        {
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(made)!);
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(BackupFormat.KeyBytes);
            using var stream = OwnerOnlyFiles.Create(made);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        return Decode(File.ReadAllText(made), $"the key file {made}");
    }

    private static byte[] Decode(string text, string where)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length == BackupFormat.KeyBytes ? key
                : throw new InvalidOperationException($"The backup key in {where} is {key.Length} bytes; it must be {BackupFormat.KeyBytes} (base64 of 32 random bytes, e.g. `openssl rand -base64 32`).");
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"The backup key in {where} is not base64 (make one with `openssl rand -base64 32`).", exception);
        }
    }
}
