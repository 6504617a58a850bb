namespace Portal.Domain.Common;

/// <summary>
/// Thrown when code asks the domain for something its invariants forbid (an illegal status transition, an
/// argument no caller should send). Outcomes a person must see, such as "ineligible" or "over the seat cap",
/// are returned as values instead.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
