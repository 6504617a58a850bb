using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// The portal's one theme: Partner Center's Fluent blue and Segoe-like type stack, in a light and a dark palette.
/// Every text colour on its background meets WCAG AA (axe color-contrast runs on every page in both modes).
/// </summary>
public static class PortalTheme
{
    /// <summary>The cookie that remembers the user's choice of light or dark mode (a year, not secret).</summary>
    public const string CookieName = "portal.theme";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#115ea3",
            PrimaryDarken = "#0f548c",
            Secondary = "#5c2e91",
            AppbarBackground = "#0f548c",
            AppbarText = "#ffffff",
            Background = "#ffffff",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#242424",
            DrawerIcon = "#424242",
            TextPrimary = "#242424",
            TextSecondary = "#424242",
            Error = "#b10e1c",
            Success = "#0e700e",
            Warning = "#8a3707",
            Info = "#0f6cbd",
            ActionDefault = "#424242",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#479ef5",
            PrimaryDarken = "#2886de",
            Secondary = "#c5a5e8",
            AppbarBackground = "#0a2e4a",
            AppbarText = "#ffffff",
            Background = "#1f1f1f",
            Surface = "#292929",
            DrawerBackground = "#242424",
            DrawerText = "#f0f0f0",
            DrawerIcon = "#d6d6d6",
            TextPrimary = "#f0f0f0",
            TextSecondary = "#d6d6d6",
            Error = "#f1707b",
            Success = "#54b054",
            Warning = "#f4bfab",
            Info = "#479ef5",
            ActionDefault = "#d6d6d6",

            // The dark palette's colours are light (to read as text on the dark page), so filled buttons, chips and
            // alerts carry dark text on them: white on #479ef5 fails axe's contrast check (2.9:1), black passes (7:1).
            PrimaryContrastText = "#000000",
            SecondaryContrastText = "#000000",
            InfoContrastText = "#000000",
            SuccessContrastText = "#000000",
            WarningContrastText = "#000000",
            ErrorContrastText = "#000000",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Segoe UI", "Segoe UI Web (West European)", "-apple-system", "BlinkMacSystemFont", "Roboto", "Helvetica Neue", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px" },
    };

    /// <summary>True when the remembered choice is dark; light is the default.</summary>
    public static bool IsDark(string? cookieValue) => string.Equals(cookieValue, "dark", StringComparison.Ordinal);
}
