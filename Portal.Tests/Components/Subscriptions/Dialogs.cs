using AngleSharp.Dom;
using Bunit;
using MudBlazor;

namespace Portal.Tests.Components.Subscriptions;

/// <summary>The confirmation dialogs of the subscription pages, as a person meets them: read the question, press a button.</summary>
public static class Dialogs
{
    /// <summary>Waits for the open dialog and answers its text.</summary>
    public static string Question(this IRenderedComponent<MudDialogProvider> dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        return dialogs.WaitForElement(".mud-dialog", TimeSpan.FromSeconds(5)).TextContent;
    }

    /// <summary>Presses the dialog's button named <paramref name="text"/>.</summary>
    public static void Press(this IRenderedComponent<MudDialogProvider> dialogs, string text)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        dialogs.WaitForElement(".mud-dialog", TimeSpan.FromSeconds(5));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text).Click();
    }

    /// <summary>Whether no dialog is open.</summary>
    public static bool Closed(this IRenderedComponent<MudDialogProvider> dialogs) => dialogs.FindAll(".mud-dialog").Count == 0;

    /// <summary>The text of an element, whitespace collapsed.</summary>
    public static string Text(this IElement element) =>
        System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? "", @"\s+", " ").Trim();
}
