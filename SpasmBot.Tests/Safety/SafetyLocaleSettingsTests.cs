using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpasmBot.Safety;

namespace SpasmBot.Tests.Safety;

public class SafetyLocaleSettingsTests
{
    private static SafetyLocaleSettings Settings => SafetyTestData.Services.GetRequiredService<SafetyLocaleSettings>();

    [Fact]
    public void Default_locale_is_the_US_with_911_and_988()
    {
        var us = Settings.Resolve(null);
        Assert.Equal("911", us.EmergencyNumber);
        Assert.Equal("988", us.CrisisLine);
        Assert.Equal("988 Suicide & Crisis Lifeline", us.CrisisLineName);
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("en-gb")]
    [InlineData("en_GB")]
    public void British_locale_gives_999_NHS_111_and_Samaritans(string locale)
    {
        var gb = Settings.Resolve(locale);
        Assert.Equal("999", gb.EmergencyNumber);
        Assert.Equal("111", gb.UrgentCareNumber);
        Assert.Equal("Samaritans", gb.CrisisLineName);
        Assert.Equal("116 123", gb.CrisisLine);
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("xx")]
    [InlineData("")]
    public void Unknown_locales_fall_back_to_the_default(string locale) =>
        Assert.Equal("911", Settings.Resolve(locale).EmergencyNumber);

    [Fact]
    public void A_default_locale_without_settings_is_a_clear_error()
    {
        var options = Options.Create(new SafetyOptions { DefaultLocale = "de-DE" });
        var error = Assert.Throws<InvalidOperationException>(() => new SafetyLocaleSettings(options));
        Assert.Contains("de-DE", error.Message);
    }
}
