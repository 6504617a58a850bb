namespace Portal.Domain.Publishing;

public enum PublisherNotificationKind
{
    /// <summary>The migration finished: the publisher continues on the new portal.</summary>
    Completed,

    /// <summary>The migration failed and was reverted: the publisher books a new slot.</summary>
    Failed,
}

/// <summary>
/// A message the publisher must receive about its migration, recorded by the domain and sent (by email) elsewhere.
/// </summary>
public sealed record PublisherNotification(
    PublisherNotificationKind Kind,
    string PublisherId,
    string Recipient,
    DateTimeOffset At,
    string Subject,
    string Text);
