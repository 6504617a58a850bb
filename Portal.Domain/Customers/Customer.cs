namespace Portal.Domain.Customers;

/// <summary>The audience a customer (or an offer) belongs to. Only Commercial can move to New Commerce.</summary>
public enum CustomerSegment
{
    Commercial,
    Education,
    Government,
    Nonprofit,
}

public sealed record Customer
{
    public required Guid TenantId { get; init; }

    /// <summary>The partner organization that serves this customer.</summary>
    public required Guid PartnerTenantId { get; init; }

    public required string Name { get; init; }

    public required string Domain { get; init; }

    public CustomerSegment Segment { get; init; } = CustomerSegment.Commercial;

    /// <summary>False when the customer has removed the partner relationship.</summary>
    public bool RelationshipActive { get; init; } = true;
}
