using System.Globalization;

namespace Infrastructuur.Api.Features.Import;

/// <summary>
/// The messages of import problems: one English and one Dutch text per code, written by hand like the user errors of
/// mutations (<see cref="Shared.Mutations.Messages"/>). Arguments are the offending values, quoted.
/// </summary>
public static class ImportMessages
{
    private static readonly Dictionary<ImportProblemCode, (string English, string Dutch)> Catalogue = new()
    {
        [ImportProblemCode.UnreadableFile] = ("The file cannot be read as {0}.", "Het bestand is niet te lezen als {0}."),
        [ImportProblemCode.UnknownColumn] = ("The template has no column \"{0}\"; it is ignored.", "Het sjabloon heeft geen kolom \"{0}\"; die wordt overgeslagen."),
        [ImportProblemCode.MissingColumn] = ("The file has no column \"{0}\", which is required.", "Het bestand mist de verplichte kolom \"{0}\"."),
        [ImportProblemCode.Required] = ("A value is required here.", "Hier is een waarde verplicht."),
        [ImportProblemCode.UnknownTheme] = ("There is no theme \"{0}\" (give its code or name).", "Er is geen thema \"{0}\" (geef de code of naam)."),
        [ImportProblemCode.UnknownTargetGroup] = ("There is no target group \"{0}\" (give its code or name).", "Er is geen doelgroep \"{0}\" (geef de code of naam)."),
        [ImportProblemCode.UnknownNeighbourhood] = ("The municipality has no neighbourhood with CBS code or name \"{0}\".", "De gemeente heeft geen buurt met CBS-code of naam \"{0}\"."),
        [ImportProblemCode.BadDate] = ("\"{0}\" is not a date; write it as 2027-01-31 or 31-01-2027.", "\"{0}\" is geen datum; schrijf die als 2027-01-31 of 31-01-2027."),
        [ImportProblemCode.BadTime] = ("\"{0}\" is not a time of day; write it as 09:30.", "\"{0}\" is geen tijdstip; schrijf het als 09:30."),
        [ImportProblemCode.BadNumber] = ("\"{0}\" is not a number from {1}.", "\"{0}\" is geen getal vanaf {1}."),
        [ImportProblemCode.BadValue] = ("\"{0}\" is not one of: {1}.", "\"{0}\" is niet een van: {1}."),
        [ImportProblemCode.DateOrder] = ("The end lies before the start.", "Het einde ligt vóór het begin."),
        [ImportProblemCode.DuplicateRow] = ("This row describes the same activity as row {0}.", "Deze rij beschrijft dezelfde activiteit als rij {0}."),
        [ImportProblemCode.ConflictingOrganisation] = ("Row {0} gives other details for the same organisation.", "Rij {0} geeft andere gegevens voor dezelfde organisatie."),
        [ImportProblemCode.OtherMunicipality] = ("This belongs to another municipality and cannot be changed by this import.", "Dit hoort bij een andere gemeente en kan met deze import niet worden gewijzigd."),
        [ImportProblemCode.TooLong] = ("At most {0} characters are allowed.", "Er zijn hoogstens {0} tekens toegestaan."),
        [ImportProblemCode.NotImported] = ("Not imported: {0}.", "Niet geïmporteerd: {0}."),
    };

    public static string For(ImportProblemCode code, CultureInfo culture, params object[] args)
    {
        var (english, dutch) = Catalogue[code];
        return string.Format(culture, Shared.Mutations.Messages.IsDutch(culture) ? dutch : english, args);
    }

    /// <summary>Every code has both texts (checked by a test, so a new code cannot ship half-translated).</summary>
    public static IEnumerable<ImportProblemCode> Missing() => Enum.GetValues<ImportProblemCode>().Where(c => !Catalogue.ContainsKey(c));
}
