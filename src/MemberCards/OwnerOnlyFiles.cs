namespace MemberCards;

/// <summary>
/// Files and folders that hold customers' data or keys (the SQLite database and its journal, backups, the key folder)
/// are made readable by their owner only, and a start-up check finds the ones other users of the machine can read.
/// Unix permission bits only: on Windows the folder's ACL decides, and nothing here applies.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode OthersMayRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode OthersMayEnter = UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>A new file readable and writable by its owner only (rw-------).</summary>
    public static FileStream Create(string path, FileMode mode = FileMode.CreateNew)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new FileStream(path, options);
    }

    /// <summary>The folder, made if missing, for its owner only (rwx------); a folder that exists is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Of these files and folders, the ones that exist and that other users can read (a file) or list and enter
    /// (a folder), each with its mode in octal as <c>ls -l</c> users know it ("644").
    /// </summary>
    public static IReadOnlyList<(string Path, string Mode)> ReadableByOthers(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (OperatingSystem.IsWindows())
        {
            return [];
        }
        List<(string, string)> exposed = [];
        foreach (var path in paths)
        {
            var (exists, mode, open) = Directory.Exists(path) ? (true, File.GetUnixFileMode(path), OthersMayEnter)
                : File.Exists(path) ? (true, File.GetUnixFileMode(path), OthersMayRead)
                : (false, default, default);
            if (exists && (mode & open) != 0)
            {
                exposed.Add((path, Convert.ToString((int)mode & 0x1FF, 8)));
            }
        }
        return exposed;
    }
}
