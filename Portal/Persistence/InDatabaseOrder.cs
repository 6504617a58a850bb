namespace Portal.Persistence;

/// <summary>
/// The order in which both databases sort a Guid column, for merging two streams read in that order: PostgreSQL
/// compares a <c>uuid</c> byte by byte, and SQLite compares EF Core's upper-case text form character by character,
/// which is the same order (the text writes the same 16 bytes, in the same big-endian order, as hexadecimal digits).
/// Written out here rather than left to <see cref="Guid.CompareTo(Guid)"/>, whose order is not documented (SQL Server's
/// is yet another one).
/// </summary>
public static class InDatabaseOrder
{
    public static int Compare(Guid left, Guid right)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        left.TryWriteBytes(a, bigEndian: true, out _);
        right.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }
}
