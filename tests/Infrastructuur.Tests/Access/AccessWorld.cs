using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Access;

/// <summary>
/// Two fresh municipalities for one test — "own" and "other" — with a sign-in for every role in each: the scope of the
/// "own" viewers covers the objects under test, that of the "other" viewers covers the same kind of thing elsewhere.
/// Objects: a published initiative hosted by an organisation, a draft initiative, a draft and a published activity, an
/// application and an award, a contact person (co-coordinator of the initiative), a signal with a description the
/// organisation reported, an access-log entry about the contact, and a neighbourhood company with a natural-person
/// shareholder. Personal data is unique per world, so a test can search responses and logs for it.
/// </summary>
public sealed class AccessWorld
{
    private static int _next = 7000;

    private AccessWorld(string suffix) => Suffix = suffix;

    public string Suffix { get; }

    public Municipality Own { get; private set; } = null!;

    public Municipality Other { get; private set; } = null!;

    public Neighbourhood OwnBuurt { get; private set; } = null!;

    public Neighbourhood OtherBuurt { get; private set; } = null!;

    /// <summary>Hosts <see cref="Initiative"/>, provides <see cref="PublishedActivity"/>, reported <see cref="Signal"/>; partner_staff own works here.</summary>
    public Organisation Host { get; private set; } = null!;

    public Organisation OtherOrganisation { get; private set; } = null!;

    /// <summary>A fund working in the other municipality: officials of "own" see its applications through the recipient.</summary>
    public Organisation Funder { get; private set; } = null!;

    public Initiative Initiative { get; private set; } = null!;

    public Initiative DraftInitiative { get; private set; } = null!;

    public Initiative OtherInitiative { get; private set; } = null!;

    public Activity DraftActivity { get; private set; } = null!;

    public Activity PublishedActivity { get; private set; } = null!;

    public Grant Application { get; private set; } = null!;

    public Grant Award { get; private set; } = null!;

    /// <summary>The person whose contact fields are tested: co-coordinator of <see cref="Initiative"/>, signs in as resident own.</summary>
    public Person Contact { get; private set; } = null!;

    public Signal Signal { get; private set; } = null!;

    public AccessLogEntry LogEntry { get; private set; } = null!;

    public NeighbourhoodCompany Company { get; private set; } = null!;

    /// <summary>A natural-person shareholder of <see cref="Company"/>.</summary>
    public Person Shareholder { get; private set; } = null!;

    /// <summary>Every viewer of the matrix by name ("coordinator own" …) with its token (null: anonymous).</summary>
    public IReadOnlyDictionary<string, string?> Viewers { get; private set; } = null!;

    /// <summary>The person each signed-in viewer is, when it is one.</summary>
    public IReadOnlyDictionary<string, Person> People { get; private set; } = null!;

    public string SignalText => $"Gevoelige waarneming {Suffix}";

    public static async Task<AccessWorld> CreateAsync(TestApp app)
    {
        var n = Interlocked.Add(ref _next, 2);
        var w = new AccessWorld(Guid.NewGuid().ToString("N")[..10]);
        var s = w.Suffix;
        w.Own = new Municipality { Name = $"Eigen gemeente {s}", CbsCode = $"GM{n}" };
        w.Other = new Municipality { Name = $"Andere gemeente {s}", CbsCode = $"GM{n + 1}" };
        w.OwnBuurt = new Neighbourhood { Name = $"Eigen buurt {s}", Level = RegionLevel.Neighbourhood, Municipality = w.Own };
        w.OtherBuurt = new Neighbourhood { Name = $"Andere buurt {s}", Level = RegionLevel.Neighbourhood, Municipality = w.Other };
        w.Host = new Organisation { Name = $"Gastorganisatie {s}", Kind = OrganisationKind.Welfare, Neighbourhoods = [w.OwnBuurt] };
        w.OtherOrganisation = new Organisation { Name = $"Andere organisatie {s}", Kind = OrganisationKind.Welfare, Neighbourhoods = [w.OtherBuurt] };
        w.Funder = new Organisation { Name = $"Fonds {s}", Kind = OrganisationKind.Fund, Neighbourhoods = [w.OtherBuurt] };
        w.Initiative = new Initiative { Name = $"Initiatief {s}", Municipality = w.Own, HostOrganisation = w.Host, Status = InitiativeStatus.Active, Neighbourhoods = [w.OwnBuurt] };
        w.DraftInitiative = new Initiative { Name = $"Concept-initiatief {s}", Municipality = w.Own, Status = InitiativeStatus.Draft, Neighbourhoods = [w.OwnBuurt] };
        w.OtherInitiative = new Initiative { Name = $"Ander initiatief {s}", Municipality = w.Other, Status = InitiativeStatus.Active, Neighbourhoods = [w.OtherBuurt] };
        w.DraftActivity = new Activity { Name = $"Concept-activiteit {s}", Status = ActivityStatus.Draft, Municipality = w.Own, ProviderInitiative = w.Initiative, Neighbourhoods = [w.OwnBuurt] };
        w.PublishedActivity = new Activity { Name = $"Activiteit {s}", Status = ActivityStatus.Active, Municipality = w.Own, ProviderOrganisation = w.Host, Neighbourhoods = [w.OwnBuurt] };
        w.Application = new Grant { Identifier = $"360G-ACCESS-{s}-1", Title = $"Aanvraag {s}", Funder = w.Funder, RecipientInitiative = w.Initiative, AmountAppliedForCents = 1_000_00, AppliedOn = new DateOnly(2026, 2, 1), Status = GrantStatus.Applied };
        w.Award = new Grant { Identifier = $"360G-ACCESS-{s}-2", Title = $"Toekenning {s}", Funder = w.Funder, RecipientInitiative = w.Initiative, AmountAwardedCents = 500_00, AwardDate = new DateOnly(2026, 1, 1), Status = GrantStatus.Awarded };

        Person Person(string name, string? subject = null) => new()
        {
            DisplayName = $"{name} (test)",
            FullName = $"Volledige naam {name} {s}",
            Email = $"{name.Replace(' ', '.')}.{s}@example.invalid",
            Phone = $"+31 6 {n:0000} {name.Length:0000}",
            Subject = subject,
        };

        w.Contact = Person("contactpersoon", $"contact-{s}");
        var coordinator = Person("coordinator", $"coordinator-{s}");
        var otherCoordinator = Person("andere coordinator", $"other-coordinator-{s}");
        var partner = Person("medewerker", $"partner-{s}");
        var otherPartner = Person("andere medewerker", $"other-partner-{s}");
        var official = Person("ambtenaar", $"official-{s}");
        var otherOfficial = Person("andere ambtenaar", $"other-official-{s}");
        w.Shareholder = Person("aandeelhouder");

        w.Signal = new Signal
        {
            ObservedOn = new DateOnly(2026, 3, 1),
            Neighbourhood = w.OwnBuurt,
            Municipality = w.Own,
            ReportedByOrganisation = w.Host,
            Description = w.SignalText,
            Responses = [new SignalResponse { ActivityId = w.DraftActivity.Id }],
        };
        w.LogEntry = new AccessLogEntry { Person = w.Contact, ReaderSubject = $"earlier-reader-{s}", ReaderRole = Role.Admin, Fields = "email", RequestId = Guid.NewGuid() };
        var companyOrganisation = new Organisation { Name = $"Wijk-BV {s}", Kind = OrganisationKind.NeighbourhoodCompany, Neighbourhoods = [w.OwnBuurt] };
        var shares = new ShareClass { CompanyId = Guid.Empty, Name = "Gewoon aandeel", NominalValueCents = 1_00 };
        w.Company = new NeighbourhoodCompany { Organisation = companyOrganisation, Purpose = $"Test {s}", ShareClasses = [shares] };

        await using (var db = await app.OpenDbAsync())
        {
            db.AddRange(w.Own, w.Other, w.OwnBuurt, w.OtherBuurt, w.Host, w.OtherOrganisation, w.Funder);
            db.AddRange(w.Initiative, w.DraftInitiative, w.OtherInitiative, w.DraftActivity, w.PublishedActivity, w.Application, w.Award);
            db.AddRange(w.Contact, coordinator, otherCoordinator, partner, otherPartner, official, otherOfficial, w.Shareholder);
            db.AddRange(
                new InitiativeCoordinator { Initiative = w.Initiative, Person = coordinator, Since = new DateOnly(2020, 1, 1), AcceptedAt = DateTime.UtcNow },
                new InitiativeCoordinator { Initiative = w.DraftInitiative, Person = coordinator, Since = new DateOnly(2021, 1, 1), AcceptedAt = DateTime.UtcNow },
                new InitiativeCoordinator { Initiative = w.Initiative, Person = w.Contact, Since = new DateOnly(2022, 1, 1), AcceptedAt = DateTime.UtcNow },
                new InitiativeCoordinator { Initiative = w.OtherInitiative, Person = otherCoordinator, Since = new DateOnly(2020, 1, 1), AcceptedAt = DateTime.UtcNow });
            db.AddRange(
                new Employment { Person = partner, Organisation = w.Host },
                new Employment { Person = otherPartner, Organisation = w.OtherOrganisation },
                new OfficialAssignment { Person = official, Municipality = w.Own },
                new OfficialAssignment { Person = otherOfficial, Municipality = w.Other });
            db.AddRange(w.Signal, w.LogEntry, companyOrganisation, w.Company);
            await db.SaveChangesAsync();
            db.Add(new Shareholding { ShareClassId = shares.Id, HolderPersonId = w.Shareholder.Id, Shares = 10, From = new DateOnly(2025, 9, 1) });
            await db.SaveChangesAsync();
        }

        w.People = new Dictionary<string, Person>
        {
            ["resident own"] = w.Contact,
            ["coordinator own"] = coordinator,
            ["coordinator other"] = otherCoordinator,
            ["partner_staff own"] = partner,
            ["partner_staff other"] = otherPartner,
            ["municipal_official own"] = official,
            ["municipal_official other"] = otherOfficial,
        };
        w.Viewers = new Dictionary<string, string?>
        {
            ["anonymous"] = null,
            ["resident own"] = Tokens.Mint(w.Contact.Subject!, "resident"),
            ["resident other"] = Tokens.Mint($"resident-{s}", "resident"),
            ["coordinator own"] = Tokens.Mint(coordinator.Subject!, "coordinator"),
            ["coordinator other"] = Tokens.Mint(otherCoordinator.Subject!, "coordinator"),
            ["partner_staff own"] = Tokens.Mint(partner.Subject!, "partner_staff"),
            ["partner_staff other"] = Tokens.Mint(otherPartner.Subject!, "partner_staff"),
            ["municipal_official own"] = Tokens.Mint(official.Subject!, "municipal_official"),
            ["municipal_official other"] = Tokens.Mint(otherOfficial.Subject!, "municipal_official"),
            ["admin"] = Tokens.Mint($"admin-{s}", "admin"),
        };
        return w;
    }

    /// <summary>The personal data of this world's people: what must never reach a response the rules do not allow, nor a log.</summary>
    public IEnumerable<string> PersonalValues(IEnumerable<Person> people) =>
        people.SelectMany(p => new[] { p.FullName, p.Email, p.Phone }).OfType<string>();

    public static string Id<T>(T record)
        where T : Entity =>
        GlobalId.Encode(typeof(T).Name, record.Id);
}
