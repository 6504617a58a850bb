namespace Portal.Tests.Persistence;

/// <summary>A fresh SQLite database file in the temp folder, deleted (with its journal files) on dispose.</summary>
public sealed class SqliteFile : IDisposable
{
    public SqliteFile()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portal-test-{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    /// <summary>No pooling, so no connection keeps the file open once a context is disposed.</summary>
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}
