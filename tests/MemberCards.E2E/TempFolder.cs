namespace MemberCards.E2E;

/// <summary>A fresh folder under the system temp folder, deleted (with whatever the app left in it) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("membercards-e2e-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not quite let go; the OS cleans temp folders anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
