using System.CommandLine;
using System.Globalization;
using System.Reflection;
using Humanizer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Notes.Cli;
using Spectre.Console;
using YamlDotNet.Serialization;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("notes.json", optional: false)
    .AddEnvironmentVariables("NOTES_")
    .Build();

var services = new ServiceCollection()
    .AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole())
    .AddSingleton(configuration.GetSection("Notes").Get<NotesSettings>() ?? new NotesSettings())
    .AddSingleton<NoteStore>()
    .BuildServiceProvider();

var textArgument = new Argument<string>("text") { Description = "What to remember" };
var tagOption = new Option<string>("--tag") { Description = "A tag", DefaultValueFactory = _ => "misc" };
var formatOption = new Option<string>("--format") { Description = "table, json or yaml", DefaultValueFactory = _ => "table" };
formatOption.AcceptOnlyFromAmong("table", "json", "yaml");
var cultureOption = new Option<string>("--culture") { Description = "Culture for numbers in words", DefaultValueFactory = _ => "en" };

var add = new Command("add", "Add a note") { textArgument, tagOption };
add.SetAction(parse =>
{
    var id = services.GetRequiredService<NoteStore>().Add(parse.GetValue(textArgument)!, parse.GetValue(tagOption)!);
    Console.WriteLine($"added note {id}");
});

var list = new Command("list", "List notes") { formatOption };
list.SetAction(parse =>
{
    var notes = services.GetRequiredService<NoteStore>().All();
    switch (parse.GetValue(formatOption))
    {
        case "json":
            Console.WriteLine(JsonConvert.SerializeObject(notes, Formatting.Indented));
            break;
        case "yaml":
            Console.Write(new SerializerBuilder().Build().Serialize(notes));
            break;
        default:
            var table = new Table().Title(services.GetRequiredService<NotesSettings>().Title).AddColumns("Id", "Tag", "Text");
            foreach (var note in notes) table.AddRow(note.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(note.Tag), Markup.Escape(note.Text));
            AnsiConsole.Write(table);
            break;
    }
});

var count = new Command("count", "Say how many notes there are, in words") { cultureOption };
count.SetAction(parse =>
{
    var culture = CultureInfo.GetCultureInfo(parse.GetValue(cultureOption)!);
    var n = services.GetRequiredService<NoteStore>().All().Count;
    Console.WriteLine($"{n.ToWords(culture)} {"note".ToQuantity(n, ShowQuantityAs.None)}; {TimeSpan.FromMinutes(90).Humanize(2, culture)}");
});

var about = new Command("about", "Where the program runs from");
about.SetAction(_ =>
{
    Console.WriteLine($"entry {Assembly.GetEntryAssembly()?.GetName().Name}");
    Console.WriteLine($"base {AppContext.BaseDirectory}");
    Console.WriteLine($"sqlite {services.GetRequiredService<NoteStore>().SqliteVersion()}");
    Console.WriteLine($"title {services.GetRequiredService<NotesSettings>().Title}");
    services.GetRequiredService<ILogger<Program>>().LogWarning("about printed");
});

var root = new RootCommand("Keeps notes in SQLite") { add, list, count, about };
var exitCode = root.Parse(args).Invoke();
services.Dispose();
return exitCode;
