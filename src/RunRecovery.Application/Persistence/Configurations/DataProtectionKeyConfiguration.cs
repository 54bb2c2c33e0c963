using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunRecovery.Application.Persistence.Configurations;

/// <summary>
/// Data Protection's key ring (the keys that sign and encrypt the dashboard's session and antiforgery cookies), one
/// XML document per key, as ASP.NET Core's EntityFrameworkCoreXmlRepository stores them.
/// </summary>
public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("data_protection_keys");
}
