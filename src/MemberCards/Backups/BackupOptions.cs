using System.ComponentModel.DataAnnotations;

namespace MemberCards.Backups;

/// <summary>The <c>MemberCards:Backup</c> section: where the SQLite database's backups go, how often, how many stay, and their key.</summary>
public sealed class BackupOptions
{
    /// <summary>The folder for backups; relative paths from the database's folder. Default: "backups" beside the database.</summary>
    public string? Folder { get; set; }

    /// <summary>How often a backup is made on its own (the app checks hourly); zero turns scheduled backups off.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The newest backup of each of this many most recent days is kept.</summary>
    [Range(1, 3650)]
    public int KeepDaily { get; set; } = 7;

    /// <summary>…and the newest backup of each of this many most recent months.</summary>
    [Range(0, 1200)]
    public int KeepMonthly { get; set; } = 12;

    /// <summary>The AES-256 key as base64 (32 bytes), e.g. from an environment variable; takes precedence over <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    /// <summary>A file holding the key as base64. Neither set: keys/backup.key beside the database, made on first use.</summary>
    public string? KeyFile { get; set; }
}
