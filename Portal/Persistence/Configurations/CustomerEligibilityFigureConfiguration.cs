using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Dashboard;
using Portal.Domain.Customers;

namespace Portal.Persistence.Configurations;

internal sealed class CustomerEligibilityFigureConfiguration : IEntityTypeConfiguration<CustomerEligibilityFigure>
{
    public void Configure(EntityTypeBuilder<CustomerEligibilityFigure> builder)
    {
        builder.ToTable("EligibilityFigures");
        builder.HasKey(f => f.CustomerId);
        builder.Property(f => f.Stamp).IsConcurrencyToken();
        builder.HasOne<Customer>().WithOne().HasForeignKey<CustomerEligibilityFigure>(f => f.CustomerId).OnDelete(DeleteBehavior.Cascade);
        // One index serves both dashboard queries: the partner's figures due a recount (a range of RecountDue), and
        // the sums, read from the index alone.
        builder.HasIndex(f => new { f.PartnerTenantId, f.RecountDue, f.Eligible, f.Ineligible }).HasDatabaseName("IX_EligibilityFigures_Partner_RecountDue");
    }
}
