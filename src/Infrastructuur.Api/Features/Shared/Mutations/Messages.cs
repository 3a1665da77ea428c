using System.Globalization;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>
/// The message catalogue of user errors: one English and one Dutch text per code, both written by hand (no machine
/// translation). Arguments are numbers, amounts or status codes, formatted in the caller's culture.
/// </summary>
public static class Messages
{
    private static readonly Dictionary<UserErrorCode, (string English, string Dutch)> Catalogue = new()
    {
        [UserErrorCode.Invalid] = ("This value is not valid.", "Deze waarde is niet geldig."),
        [UserErrorCode.Required] = ("A value is required here.", "Hier is een waarde verplicht."),
        [UserErrorCode.TooLong] = ("At most {0} characters are allowed.", "Er zijn hoogstens {0} tekens toegestaan."),
        [UserErrorCode.OutOfRange] = ("The value must be {0}.", "De waarde moet {0} zijn."),
        [UserErrorCode.DateOrder] = ("The end date lies before the start date.", "De einddatum ligt vóór de begindatum."),
        [UserErrorCode.NotFound] = ("There is nothing with this ID that you may change.", "Er is niets met deze ID dat u mag wijzigen."),
        [UserErrorCode.Conflict] = ("Someone else changed this in the meantime. Nothing was saved: load it again and retry.", "Iemand anders heeft dit intussen gewijzigd. Er is niets opgeslagen: laad het opnieuw en probeer het nog eens."),
        [UserErrorCode.Duplicate] = ("This already exists.", "Dit bestaat al."),
        [UserErrorCode.Forbidden] = ("Your role does not allow this.", "Uw rol staat dit niet toe."),
        [UserErrorCode.AllocationMismatch] = ("The allocations add up to {0}, but the amount is {1}. Nothing was saved.", "De verdeling telt op tot {0}, maar het bedrag is {1}. Er is niets opgeslagen."),
        [UserErrorCode.InvalidTransition] = ("This is not possible while the status is {0}.", "Dit kan niet zolang de status {0} is."),
        [UserErrorCode.MixedMunicipalities] = ("Everything given must lie in exactly one municipality.", "Alles wat u opgeeft moet in precies één gemeente liggen."),
        [UserErrorCode.OutsideScope] = ("This would move it to another municipality or owner, which is not allowed.", "Hiermee zou het naar een andere gemeente of eigenaar gaan; dat mag niet."),
        [UserErrorCode.LastCoordinator] = ("An initiative must keep at least one coordinator.", "Een initiatief moet minstens één coördinator houden."),
        [UserErrorCode.ConflictOfInterest] = ("You may not decide on a grant you applied for yourself.", "U mag niet beslissen over een subsidie die u zelf hebt aangevraagd."),
        [UserErrorCode.Overpaid] = ("Together the payments would exceed the award of {0}.", "Samen zouden de betalingen hoger worden dan de toekenning van {0}."),
        [UserErrorCode.PersonRequired] = ("Your account is not linked to a person in the network yet.", "Uw account is nog niet gekoppeld aan een persoon in het netwerk."),
    };

    public static bool IsDutch(CultureInfo culture) => culture.TwoLetterISOLanguageName == "nl";

    public static string For(UserErrorCode code, CultureInfo culture, params object[] args)
    {
        var (english, dutch) = Catalogue[code];
        return string.Format(culture, IsDutch(culture) ? dutch : english, args);
    }

    /// <summary>An amount in euros as the caller's language writes it: "€ 1.234,50" in Dutch, "€1,234.50" in English.</summary>
    public static string Euros(decimal euros, CultureInfo culture) =>
        IsDutch(culture)
            ? string.Create(culture, $"€ {euros:N2}")
            : string.Create(culture, $"€{euros:N2}");

    /// <summary>Every code has both texts (checked by a test, so a new code cannot ship half-translated).</summary>
    public static IEnumerable<UserErrorCode> Missing() => Enum.GetValues<UserErrorCode>().Where(c => !Catalogue.ContainsKey(c));
}
