using Microsoft.Extensions.Options;
using SpasmBot.Transcripts;

namespace SpasmBot.Tests.Transcripts;

public class RedactorTests
{
    private static readonly Redactor Redactor = new(Options.Create(new TranscriptOptions()));

    [Theory]
    [InlineData("write to jane.doe+back@mail.example.co.uk please", "write to [email] please")]
    [InlineData("call (555) 123-4567 today", "call [phone] today")]
    [InlineData("my cell is 555.123.4567", "my cell is [phone]")]
    [InlineData("US: +1 555 123 4567", "US: [phone]")]
    [InlineData("UK mobile 07700 900123", "UK mobile [phone]")]
    [InlineData("London +44 (0)20 7946 0958 ok", "London [phone] ok")]
    [InlineData("Paris +33 1 23 45 67 89", "Paris [phone]")]
    [InlineData("I live at 221b Baker Street, London", "I live at [address], London")]
    [InlineData("come to 1600 Pennsylvania Ave NW", "come to [address] NW")]
    [InlineData("my name is John and my back hurts", "my name is [name] and my back hurts")]
    [InlineData("Hi, I'm called Mary Ann Smith.", "Hi, I'm called [name].")]
    public void Personal_details_are_masked(string input, string expected) => Assert.Equal(expected, Redactor.Redact(input));

    [Theory]
    [InlineData("I've had back spasms for 3 days, pain 7 out of 10")]
    [InlineData("I take 400 mg ibuprofen every 8 hours since 2024-01-15")]
    [InlineData("Is it normal at 45 years old?")]
    [InlineData("what is my name")]
    public void Symptom_text_without_personal_details_is_kept(string input) => Assert.Equal(input, Redactor.Redact(input));

    [Fact]
    public void Redaction_can_be_turned_off()
    {
        var off = new Redactor(Options.Create(new TranscriptOptions { Redaction = new RedactionOptions { Enabled = false } }));
        Assert.Equal("mail a@b.com", off.Redact("mail a@b.com"));
    }
}

public class UserPseudonymizerTests
{
    [Fact]
    public async Task Instances_starting_together_on_one_data_directory_agree_on_one_generated_key()
    {
        var directory = TestDatabases.NewDirectory();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = directory };
        var options = Options.Create(new TranscriptOptions { DataDirectory = directory });
        var pseudonyms = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            new UserPseudonymizer(options, new TranscriptPaths(options, environment)).Pseudonymize("webchat", "visitor-1"))));
        Assert.Single(pseudonyms.Distinct());
        Assert.StartsWith("u_", pseudonyms[0]);
        Assert.NotEqual(pseudonyms[0], new UserPseudonymizer(options, new TranscriptPaths(options, environment)).Pseudonymize("msteams", "visitor-1"));
        Assert.Single(Directory.GetFiles(directory)); // no temporary files left behind
    }
}
