using System.Globalization;
using System.Text;
using SpasmBot.Transcripts;
using static SpasmBot.Operators.ConsoleHtml;

namespace SpasmBot.Operators;

/// <summary>Inline SVG charts: no script, no CDN, nothing the Content-Security-Policy has to allow.</summary>
public static class ConsoleCharts
{
    public static string Bars(string title, IReadOnlyList<DayCount> days, string cssClass = "bar")
    {
        const int width = 640, height = 160, pad = 24;
        var svg = new StringBuilder();
        svg.Append($"<figure><figcaption>{E(title)}</figcaption>");
        if (days.All(d => d.Count == 0))
        {
            return svg.Append("<p class=\"muted\">No data in this period.</p></figure>").ToString();
        }
        var max = Math.Max(1, days.Max(d => d.Count));
        var slot = (double)(width - pad) / days.Count;
        svg.Append($"<svg viewBox=\"0 0 {width} {height + pad}\" role=\"img\" aria-label=\"{E(title)}\" class=\"chart\">");
        svg.Append($"<text x=\"0\" y=\"12\" class=\"axis\">{max}</text>");
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i].Count == 0)
            {
                continue;
            }
            var h = days[i].Count * (height - 20.0) / max;
            var x = pad + i * slot;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"{cssClass}\" x=\"{x:0.#}\" y=\"{height - h:0.#}\" width=\"{Math.Max(1, slot - 2):0.#}\" height=\"{h:0.#}\">")
               .Append($"<title>{E(days[i].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}: {days[i].Count}</title></rect>");
        }
        svg.Append($"<text x=\"{pad}\" y=\"{height + 16}\" class=\"axis\">{E(days[0].Day.ToString("MM-dd", CultureInfo.InvariantCulture))}</text>");
        svg.Append($"<text x=\"{width - 40}\" y=\"{height + 16}\" class=\"axis\">{E(days[^1].Day.ToString("MM-dd", CultureInfo.InvariantCulture))}</text>");
        return svg.Append("</svg></figure>").ToString();
    }

    /// <summary>Every day from <paramref name="from"/> to <paramref name="to"/>, with 0 where nothing happened, so bars line up with dates.</summary>
    public static IReadOnlyList<DayCount> EveryDay(IReadOnlyList<DayCount> days, DateOnly from, DateOnly to)
    {
        var counts = days.ToDictionary(d => d.Day, d => d.Count);
        var all = new List<DayCount>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            all.Add(new DayCount(day, counts.GetValueOrDefault(day)));
        }
        return all;
    }

    /// <summary>A horizontal split bar for a ratio (answered vs not, helpful vs not).</summary>
    public static string Ratio(string title, string yesLabel, long yes, string noLabel, long no)
    {
        var total = yes + no;
        if (total == 0)
        {
            return $"<figure><figcaption>{E(title)}: no data in this period</figcaption></figure>";
        }
        var share = total == 0 ? 0 : (double)yes / total;
        var w = share * 600;
        return string.Create(CultureInfo.InvariantCulture,
            $"<figure><figcaption>{E(title)}: {share * 100:0}% ({yes} {E(yesLabel)}, {no} {E(noLabel)})</figcaption>" +
            $"<svg viewBox=\"0 0 600 24\" class=\"chart ratio\" role=\"img\" aria-label=\"{E(title)}\">" +
            $"<rect class=\"no\" x=\"0\" y=\"0\" width=\"600\" height=\"24\"></rect><rect class=\"yes\" x=\"0\" y=\"0\" width=\"{w:0.#}\" height=\"24\"></rect></svg></figure>");
    }
}
