using SpasmBot.Safety;

namespace SpasmBot.Tests.Safety;

public class RedFlagDetectorTests
{
    private static SafetyAssessment Assess(string text) => SafetyTestData.Detector.Assess(text);

    [Theory]
    [InlineData("i cant feel my legs")]
    [InlineData("numb down there and my back hurts really bad")]
    [InlineData("I think I peed myself and didnt notice, my back has been bad for 3 days")]
    [InlineData("cant pee since last night and my lower back is in agony")]
    [InlineData("wet myself this morning without realising")]
    [InlineData("my legs keep giving out when i try to walk")]
    [InlineData("CANT FEEL MY LEGS HELP")]
    [InlineData("i cnt feel my legz")]
    [InlineData("I fell off a ladder this morning and my back is really hurting")]
    [InlineData("left side spasms with pain going down my arm and into my jaw and im sweating")]
    [InlineData("pressure in my chest and my upper back is spasming")]
    [InlineData("took like 15 flexeril because the pain wouldnt stop")]
    [InlineData("my face is drooping on one side and my speech is slurred")]
    [InlineData("my throat is swelling up after taking the new muscle relaxer")]
    [InlineData("i cant breathe properly")]
    public void Emergencies_in_their_own_words_route_to_emergency(string message)
    {
        var result = Assess(message);
        Assert.True(result.Tier >= SafetyTier.Emergency, $"{result.Tier} {string.Join(",", result.Signals)}");
        Assert.NotEmpty(result.Signals);
    }

    [Theory]
    [InlineData("i want to end it all, this back pain is never going to stop")]
    [InlineData("no point going on like this")]
    [InlineData("honestly everyone would be better off if i was dead")]
    [InlineData("kms this pain is too much")]
    [InlineData("how many flexeril would it take to not wake up")]
    [InlineData("i've been cutting myself to cope with the pain")]
    public void Suicidal_thoughts_route_to_crisis(string message)
    {
        var result = Assess(message);
        Assert.Equal(SafetyTier.Crisis, result.Tier);
        Assert.Contains(result.Signals, s => s.StartsWith("crisis.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("back pain and a fever of 102, feel awful")]
    [InlineData("im 78 and fell in the kitchen yesterday, back is very sore")]
    [InlineData("i have osteoporosis and slipped on the ice, now my back hurts a lot")]
    public void Same_day_problems_route_to_urgent(string message) =>
        Assert.Equal(SafetyTier.Urgent, Assess(message).Tier);

    [Theory]
    [InlineData("severe back pain for 2 weeks and its not getting better")]
    [InlineData("i had breast cancer 5 years ago and now my back hurts")]
    [InlineData("ive lost about 10kg without trying and my back aches")]
    [InlineData("my left leg is numb and weak since my back went")]
    [InlineData("I've been on prednisone for years and now my back hurts")]
    public void Borderline_messages_get_the_triage_checklist(string message) =>
        Assert.Equal(SafetyTier.Triage, Assess(message).Tier);

    [Theory]
    [InlineData("when should I go to the ER for back spasms?")]
    [InlineData("what is cauda equina syndrome?")]
    [InlineData("what are the red flags for back pain?")]
    [InlineData("what are the symptoms of cauda equina syndrome")]
    [InlineData("can pectoral spasms feel like a heart attack?")]
    public void Topic_questions_are_answered_normally(string message) =>
        Assert.Equal(SafetyTier.None, Assess(message).Tier);

    [Theory]
    [InlineData("no numbness, no bladder problems, just stiff")]
    [InlineData("I don't have any leg weakness, just a sore lower back")]
    [InlineData("no weakness no numbness no bladder issues, just spasms when I stand up")]
    [InlineData("bladder and bowels fine")]
    public void Negated_red_flags_do_not_alarm(string message) =>
        Assert.Equal(SafetyTier.None, Assess(message).Tier);

    [Theory]
    [InlineData("no fever but I can't control my bladder")]
    [InlineData("no bladder issues but my legs are numb")]
    [InlineData("i don't have a fever but i can't feel my legs")]
    [InlineData("no fever and I cant feel my legs")]
    public void A_negation_in_one_clause_does_not_cancel_a_red_flag_in_another(string message) =>
        Assert.Equal(SafetyTier.Emergency, Assess(message).Tier);

    [Theory]
    [InlineData("I fell last year, fine now, but I get back spasms sometimes")]
    [InlineData("i slipped a disc 5 years ago, fully recovered, now just occasional stiffness")]
    [InlineData("had a kidney stone last year, all good now. back spasms this week though")]
    public void Past_resolved_events_do_not_alarm(string message) =>
        Assert.Equal(SafetyTier.None, Assess(message).Tier);

    [Fact]
    public void A_past_event_that_still_goes_on_alarms() =>
        Assert.Equal(SafetyTier.Emergency, Assess("I fell off a ladder last week and my back still hurts").Tier);

    [Theory]
    [InlineData("this spreadsheet is killing me")]
    [InlineData("my boss is a pain in the back")]
    [InlineData("dying to know if heat or ice is better")]
    [InlineData("I could kill for a massage right now")]
    [InlineData("I fell asleep on the couch and woke up with a back spasm")]
    [InlineData("i ran 10 kms yesterday and now my lower back is tight")]
    [InlineData("my legs are dead after leg day lol")]
    public void Figures_of_speech_do_not_alarm(string message) =>
        Assert.Equal(SafetyTier.None, Assess(message).Tier);

    [Fact]
    public void A_hypothetical_about_oneself_is_checked_not_ignored()
    {
        var result = Assess("what if I lose bladder control?");
        Assert.Equal(SafetyTier.Triage, result.Tier);
        Assert.Contains("cauda-equina.bladder~hypothetical", result.Signals);
    }

    [Fact]
    public void Signals_name_the_rules_that_fired()
    {
        var result = Assess("no fever but I can't control my bladder and I want to end it all");
        Assert.Equal(SafetyTier.Crisis, result.Tier); // crisis ranks above emergency; its reply carries the emergency number
        Assert.Contains("crisis.suicidal-ideation", result.Signals);
        Assert.Contains("cauda-equina.bladder", result.Signals);
        Assert.DoesNotContain(result.Signals, s => s.StartsWith("infection", StringComparison.Ordinal));
    }

    [Fact]
    public void A_red_flag_buried_in_a_2000_word_message_is_found()
    {
        var filler = string.Join(" ", Enumerable.Repeat(
            "so I have been doing my stretches every morning and the heat pad helps a bit, my physio says keep moving,", 100));
        var message = $"{filler} and since yesterday I can't really feel anything when I wipe. {filler} anyway, heat or ice?";
        Assert.True(message.Split(' ').Length > 2000);
        var result = Assess(message);
        Assert.Equal(SafetyTier.Emergency, result.Tier);
        Assert.Contains("cauda-equina.saddle", result.Signals);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("🙂💊🔥 ¿¡ 腰痛 المؤلم ")]
    [InlineData("\ud800 lone surrogate")]
    [InlineData("'''''''''''''")]
    [InlineData("can't can't can't can't can't can't can't can't")]
    [InlineData("1234567890123456789012345678901234567890")]
    public void Odd_input_never_throws_and_gives_a_tier(string message) =>
        Assert.True(Enum.IsDefined(Assess(message).Tier));

    [Fact]
    public void Null_and_huge_input_never_throw()
    {
        Assert.Equal(SafetyTier.None, SafetyTestData.Detector.Assess(null!).Tier);
        var huge = new string('a', 300_000) + " i cant feel my legs " + new string('x', 300_000);
        Assert.Equal(SafetyTier.Emergency, Assess(huge).Tier);
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var random = new Random(4);
        var alphabet = "abcdefghijklmnopqrstuvwxyz ',.!?;:\n\t-0123456789#@*|[]~$éß💊\u200b".ToCharArray();
        for (int i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (int c = 0; c < chars.Length; c++) chars[c] = alphabet[random.Next(alphabet.Length)];
            var result = Assess(new string(chars));
            Assert.True(Enum.IsDefined(result.Tier));
        }
    }

    [Fact]
    public void The_shared_detector_gives_the_same_answers_from_many_threads()
    {
        var messages = LabelledSafetySet.Read(SafetyDataFiles.Locate("corpus/eval/safety.tsv")).Select(m => m.Text).ToArray();
        var expected = messages.Select(m => Assess(m).Tier).ToArray();
        var actual = new SafetyTier[messages.Length];
        Parallel.For(0, messages.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var index = i % messages.Length;
            actual[index] = Assess(messages[index]).Tier;
        });
        Assert.Equal(expected, actual);
    }
}
