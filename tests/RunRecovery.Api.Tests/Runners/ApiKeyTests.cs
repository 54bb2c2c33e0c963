using RunRecovery.Application.Authentication;

namespace RunRecovery.Api.Tests.Runners;

public sealed class ApiKeyTests
{
    [Fact]
    public void Issued_key_has_the_shape_it_is_checked_against_and_hashes_to_its_hash()
    {
        ApiKey.IssuedKey issued = ApiKey.Issue();

        Assert.True(ApiKey.HasValidShape(issued.Key));
        Assert.Equal(ApiKey.Hash(issued.Key), issued.Hash);
        Assert.Equal(32, issued.Hash.Length);
    }

    [Fact]
    public void Keys_do_not_repeat()
    {
        HashSet<string> keys = [.. Enumerable.Range(0, 1000).Select(_ => ApiKey.Issue().Key)];
        Assert.Equal(1000, keys.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rr_")]
    [InlineData("xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("rr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // one short
    [InlineData("rr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")] // not base64url
    public void Rejects_strings_that_are_not_keys(string candidate) =>
        Assert.False(ApiKey.HasValidShape(candidate));
}
