using System.Text.RegularExpressions;
using Portal.Tests.Web;

namespace Portal.Tests.Components;

/// <summary>Issue 12: MudBlazor everywhere, no Bootstrap left: no component of the portal uses Bootstrap's classes.</summary>
public partial class NoBootstrapLeftTests
{
    // Bootstrap's own vocabulary (layout, components, utilities) as it appeared in the portal before the move.
    [GeneratedRegex("""class="(?:[^"]*\s)?(btn|btn-[a-z-]+|form-control|form-select|form-label|form-check[a-z-]*|alert|alert-[a-z]+|card|card-[a-z]+|row|col-[a-z0-9-]+|table|table-[a-z]+|navbar[a-z-]*|nav-link|badge|text-body-secondary|visually-hidden[a-z-]*|list-group[a-z-]*|d-grid|container-lg|container-fluid)(?=["\s])""")]
    private static partial Regex BootstrapClass();

    [Fact]
    public void No_razor_component_uses_a_bootstrap_class()
    {
        var components = Path.Combine(RepoPaths.Root, "Portal", "Components");
        var offenders = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => BootstrapClass().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(components, x.file)}:{x.i + 1}: {BootstrapClass().Match(x.line).Groups[1].Value}")
            .ToList();

        Assert.True(offenders.Count == 0, "Bootstrap classes left:\n" + string.Join("\n", offenders));
    }
}
