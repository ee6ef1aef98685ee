using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MemberCards.Backups;

/// <summary>Why a backup file cannot be read back.</summary>
public enum BackupProblem
{
    /// <summary>Not a Member Cards backup (or of a format this version does not read).</summary>
    NotABackup,

    /// <summary>The key does not open it, or a byte of it was changed (AES-GCM tells the two apart from neither).</summary>
    WrongKeyOrTampered,

    /// <summary>It ends before its last chunk: a copy cut short.</summary>
    Truncated,
}

public sealed class BackupUnreadableException(BackupProblem problem)
    : Exception($"The backup cannot be read: {problem}.")
{
    public BackupProblem Problem { get; } = problem;
}

/// <summary>
/// A backup file: a header (magic, format version, the schema's last migration, a random nonce prefix), then the
/// database file compressed with Brotli and encrypted with AES-256-GCM in chunks of 1 MiB, so neither side needs
/// the whole database in memory. Each chunk's nonce is the prefix and its index; each chunk authenticates the header
/// and whether it is the last, so a changed byte, reordered chunks, a swapped header and a file cut short are all
/// refused, never restored.
/// </summary>
public static class BackupFormat
{
    public const string Extension = ".mcbackup";
    public const int KeyBytes = 32;
    private const int ChunkBytes = 1 << 20;
    private const int TagBytes = 16;
    private const byte Version = 1;
    private static readonly byte[] Magic = "MCBACKUP"u8.ToArray();

    /// <summary>Compresses and encrypts <paramref name="database"/> into <paramref name="output"/>.</summary>
    public static void Write(Stream database, Stream output, byte[] key, string schema)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(output);
        var header = Header(schema, RandomNumberGenerator.GetBytes(8));
        output.Write(header);
        using (var chunks = new ChunkWriter(output, key, header))
        using (var brotli = new BrotliStream(chunks, CompressionLevel.Fastest, leaveOpen: true))
        {
            database.CopyTo(brotli);
        }
    }

    /// <summary>Decrypts and decompresses <paramref name="input"/> into <paramref name="database"/>; returns the schema it was written with.</summary>
    public static string Read(Stream input, Stream database, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(database);
        var (header, schema) = ReadHeader(input);
        using var chunks = new ChunkReader(input, key, header);
        try
        {
            using var brotli = new BrotliStream(chunks, CompressionMode.Decompress);
            brotli.CopyTo(database);
        }
        catch (InvalidDataException)
        {
            // Authenticated chunks that do not decompress: written by something else with this key.
            throw new BackupUnreadableException(BackupProblem.NotABackup);
        }
        return schema;
    }

    /// <summary>The schema a backup was written with, read from its header alone.</summary>
    public static string SchemaOf(Stream input) => ReadHeader(input).Schema;

    private static byte[] Header(string schema, byte[] noncePrefix)
    {
        var name = Encoding.UTF8.GetBytes(schema);
        var header = new byte[Magic.Length + 1 + 2 + name.Length + noncePrefix.Length];
        Magic.CopyTo(header, 0);
        header[Magic.Length] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(Magic.Length + 1), (ushort)name.Length);
        name.CopyTo(header, Magic.Length + 3);
        noncePrefix.CopyTo(header, Magic.Length + 3 + name.Length);
        return header;
    }

    private static (byte[] Header, string Schema) ReadHeader(Stream input)
    {
        var start = new byte[Magic.Length + 3];
        if (input.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length
            || !start.AsSpan(0, Magic.Length).SequenceEqual(Magic) || start[Magic.Length] != Version)
        {
            throw new BackupUnreadableException(BackupProblem.NotABackup);
        }
        var rest = new byte[BinaryPrimitives.ReadUInt16BigEndian(start.AsSpan(Magic.Length + 1)) + 8];
        if (input.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
        {
            throw new BackupUnreadableException(BackupProblem.Truncated);
        }
        return ([.. start, .. rest], Encoding.UTF8.GetString(rest, 0, rest.Length - 8));
    }

    private static byte[] Nonce(byte[] header, long index)
    {
        var nonce = new byte[12];
        header.AsSpan(header.Length - 8).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), checked((uint)index));
        return nonce;
    }

    private static byte[] AssociatedData(byte[] header, bool last) => [.. header, last ? (byte)1 : (byte)0];

    /// <summary>Buffers what is written and emits it as encrypted chunks: [length][ciphertext][tag]; the last one marked as last.</summary>
    private sealed class ChunkWriter(Stream output, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm _aes = new(key, TagBytes);
        private readonly byte[] _buffer = new byte[ChunkBytes];
        private int _held;
        private long _index;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if (_held == ChunkBytes)
                {
                    Emit(last: false);
                }
                var take = Math.Min(buffer.Length, ChunkBytes - _held);
                buffer[..take].CopyTo(_buffer.AsSpan(_held));
                _held += take;
                buffer = buffer[take..];
            }
        }

        private void Emit(bool last)
        {
            var cipher = new byte[_held];
            var tag = new byte[TagBytes];
            _aes.Encrypt(Nonce(header, _index++), _buffer.AsSpan(0, _held), cipher, tag, AssociatedData(header, last));
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, _held);
            output.Write(length);
            output.Write(cipher);
            output.Write(tag);
            _held = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Emit(last: true);
                _aes.Dispose();
            }
            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Reads and checks one chunk at a time; a chunk is the last when the file ends after it, and must say so.</summary>
    private sealed class ChunkReader(Stream input, byte[] key, byte[] header) : Stream
    {
        private readonly AesGcm _aes = new(key, TagBytes);
        private byte[] _plain = [];
        private int _at;
        private long _index;
        private bool _done;
        private byte[]? _lengthAhead;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_at == _plain.Length)
            {
                if (_done)
                {
                    return 0;
                }
                Next();
            }
            var take = Math.Min(buffer.Length, _plain.Length - _at);
            _plain.AsSpan(_at, take).CopyTo(buffer);
            _at += take;
            return take;
        }

        private void Next()
        {
            var length = _lengthAhead ?? ReadLength() ?? throw new BackupUnreadableException(BackupProblem.Truncated);
            var size = BinaryPrimitives.ReadInt32BigEndian(length);
            if (size is < 0 or > ChunkBytes)
            {
                throw new BackupUnreadableException(BackupProblem.WrongKeyOrTampered);
            }
            var sealedChunk = new byte[size + TagBytes];
            if (input.ReadAtLeast(sealedChunk, sealedChunk.Length, throwOnEndOfStream: false) < sealedChunk.Length)
            {
                throw new BackupUnreadableException(BackupProblem.Truncated);
            }
            // The chunk is the last when the file ends after it: look for the next one's length.
            _lengthAhead = ReadLength();
            var last = _lengthAhead is null;
            var nonce = Nonce(header, _index++);
            var cipher = sealedChunk.AsSpan(0, size);
            var tag = sealedChunk.AsSpan(size);
            _plain = new byte[size];
            try
            {
                _aes.Decrypt(nonce, cipher, tag, _plain, AssociatedData(header, last));
            }
            catch (AuthenticationTagMismatchException)
            {
                // A chunk that opens as "not the last" where the file ends was followed by more: the copy was cut short.
                throw new BackupUnreadableException(last && Opens(nonce, cipher, tag) ? BackupProblem.Truncated : BackupProblem.WrongKeyOrTampered);
            }
            _at = 0;
            _done = last;
        }

        private bool Opens(byte[] nonce, ReadOnlySpan<byte> cipher, ReadOnlySpan<byte> tag)
        {
            try
            {
                _aes.Decrypt(nonce, cipher, tag, new byte[cipher.Length], AssociatedData(header, last: false));
                return true;
            }
            catch (AuthenticationTagMismatchException)
            {
                return false;
            }
        }

        /// <summary>The next chunk's 4-byte length, or null at the end of the file.</summary>
        private byte[]? ReadLength()
        {
            var length = new byte[4];
            var got = input.ReadAtLeast(length, 4, throwOnEndOfStream: false);
            return got == 4 ? length : got == 0 ? null : throw new BackupUnreadableException(BackupProblem.Truncated);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _aes.Dispose();
            }
            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
