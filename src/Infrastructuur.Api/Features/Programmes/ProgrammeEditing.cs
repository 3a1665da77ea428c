using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Shared.Mutations;

namespace Infrastructuur.Api.Features.Programmes;

/// <summary>Who edits a programme: staff of its owner organisation, officials of its municipality, admins.</summary>
public static class ProgrammeEditing
{
    public static Permission ToEdit(this Viewer viewer, Programme programme) =>
        viewer.WorksFor(programme.OwnerId) || viewer.Serves(programme.MunicipalityId) ? Permission.Act : Permission.None;
}
