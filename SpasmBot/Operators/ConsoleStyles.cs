namespace SpasmBot.Operators;

/// <summary>The console's stylesheet, served from /operators/console.css (a file, because the CSP forbids inline styles).</summary>
public static class ConsoleStyles
{
    public const string Css = """
        body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d232a; background: #f7f8fa; }
        header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #213547; color: #fff; flex-wrap: wrap; }
        header a { color: #cfe3ff; margin-right: .6rem; } header .who { margin-left: auto; }
        main { padding: 1rem 1.5rem; max-width: 1200px; }
        table { border-collapse: collapse; width: 100%; background: #fff; } th, td { border-bottom: 1px solid #e3e6ea; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        form.inline { display: inline-flex; gap: .4rem; align-items: end; margin: .25rem .5rem .25rem 0; }
        form.stack { display: grid; gap: .5rem; max-width: 28rem; margin: .5rem 0; }
        form.filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
        label { display: grid; gap: .15rem; font-size: .9em; }
        button { padding: .3rem .8rem; cursor: pointer; } button.danger { background: #a4262c; color: #fff; border: 0; }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; background: #e3e6ea; font-size: .8em; }
        .badge.emergency, .badge.crisis { background: #a4262c; color: #fff; } .badge.urgent { background: #d87a00; color: #fff; }
        .badge.unanswered, .badge.negative-feedback { background: #6b4fbb; color: #fff; }
        .chat { list-style: none; padding: 0; max-width: 52rem; } .chat li { margin: .4rem 0; padding: .5rem .7rem; border-radius: .5rem; }
        .chat .visitor { background: #e6f0ff; margin-right: 6rem; } .chat .bot { background: #fff; border: 1px solid #e3e6ea; margin-left: 6rem; }
        .chat .decision { background: #fffbea; border: 1px dashed #d9c36a; margin-left: 6rem; font-size: .9em; }
        .chat .event { color: #6a737d; font-size: .85em; } .chat .error { background: #fde7e9; }
        .chat .text { margin: .2rem 0 0; white-space: pre-wrap; } .who { font-weight: 600; }
        .error { color: #a4262c; } .notice { background: #e7f6ec; padding: .4rem .7rem; } .muted { color: #6a737d; }
        dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        .charts { display: grid; gap: 1rem; } figure { margin: 0; background: #fff; padding: .5rem; } .chart { width: 100%; max-width: 640px; }
        rect.bar { fill: #2f6fb3; } rect.escalation { fill: #a4262c; } .ratio .yes { fill: #2e8540; } .ratio .no { fill: #e3e6ea; } text.axis { font-size: 11px; fill: #6a737d; }
        .queue > li { background: #fff; margin: .6rem 0; padding: .6rem; }
        """;
}
