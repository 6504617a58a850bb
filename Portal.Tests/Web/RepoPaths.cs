namespace Portal.Tests.Web;

/// <summary>Paths inside the repository, found from the test binaries so they hold for any clone.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding <c>Portal.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary><c>artifacts/screenshots</c> under the repository root (git-ignored); created on first use.</summary>
    public static string ScreenshotsDirectory
    {
        get
        {
            var directory = Path.Combine(Root, "artifacts", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder holding Portal.sln above {AppContext.BaseDirectory}.");
    }
}
