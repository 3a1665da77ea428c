using System.Collections;
using System.Globalization;
using System.Reflection;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Infrastructuur.Api.Features.History;

/// <summary>
/// Turns the change tracker's view of one SaveChanges into <see cref="ChangeRecord"/>s: a row per created or deleted
/// record, a row per changed property (complex properties by their dotted path), and a row per link added to or removed
/// from a list (themes, regions) of a record that is being updated. Derived columns (version, timestamps, sort and search
/// keys) are left out: they follow from the rest.
/// </summary>
internal static class ChangeAudit
{
    public const int MaxValueLength = 4000;

    private static readonly HashSet<string> Derived = new(StringComparer.Ordinal)
    {
        nameof(Entity.Id), nameof(Entity.Version), nameof(Entity.CreatedAt), nameof(Entity.ModifiedAt), nameof(INamed.NameKey),
        nameof(ISearchable.SearchText), "StartsOnKey", "ListedOn",
    };

    public static void Record(InfrastructuurDb db, DateTime now)
    {
        var stamp = db.Audit;
        var records = new List<ChangeRecord>();
        var updated = new Dictionary<(Type, Guid), EntityEntry>();
        var entries = db.ChangeTracker.Entries().ToList();
        foreach (var entry in entries.Where(e => e.Entity is Entity && Audited(e.Metadata.ClrType)))
        {
            var entity = (Entity)entry.Entity;
            switch (entry.State)
            {
                case EntityState.Added:
                    records.Add(Row(entity, ChangeAction.Created, null, null, null));
                    break;
                case EntityState.Deleted:
                    records.Add(Row(entity, ChangeAction.Deleted, null, null, null));
                    break;
                case EntityState.Modified:
                    updated[(entry.Metadata.ClrType, entity.Id)] = entry;
                    records.AddRange(Properties(entry.Properties, string.Empty).Select(p => Row(entity, ChangeAction.Updated, p.Field, p.Old, p.New)));
                    records.AddRange(entry.ComplexProperties.SelectMany(c => Properties(c.Properties, c.Metadata.Name + ".")).Select(p => Row(entity, ChangeAction.Updated, p.Field, p.Old, p.New)));
                    break;
            }
        }

        // Many-to-many links are rows of a join table without a type of their own; record them on the updated owner.
        foreach (var link in entries.Where(e => e.Metadata.IsPropertyBag && e.State is EntityState.Added or EntityState.Deleted))
        {
            var keys = link.Metadata.GetForeignKeys().ToList();
            foreach (var key in keys)
            {
                var owner = (Guid)link.Property(key.Properties[0].Name).CurrentValue!;
                var other = keys.FirstOrDefault(k => k != key);
                var navigation = key.PrincipalEntityType.GetSkipNavigations().FirstOrDefault(s => s.ForeignKey == key);
                if (other is null || navigation is null || !updated.TryGetValue((key.PrincipalEntityType.ClrType, owner), out var entry))
                {
                    continue;
                }

                var value = GlobalId.Encode(other.PrincipalEntityType.ClrType.Name, (Guid)link.Property(other.Properties[0].Name).CurrentValue!);
                var added = link.State == EntityState.Added;
                records.Add(Row((Entity)entry.Entity, ChangeAction.Updated, navigation.Name, added ? null : value, added ? value : null));
            }
        }

        foreach (var record in records)
        {
            record.CreatedAt = now;
            record.ModifiedAt = now;
            record.ChangedBySubject = stamp?.Subject;
            record.ChangedByPersonId = stamp?.PersonId;
            record.Mutation = stamp?.Mutation;
        }

        db.AddRange(records);
    }

    /// <summary>The "created" row of a record written without SaveChanges (a bulk insert), stamped as <see cref="Record"/> stamps.</summary>
    public static ChangeRecord Created(Entity entity, AuditStamp? stamp, DateTime now)
    {
        var record = Row(entity, ChangeAction.Created, null, null, null);
        (record.CreatedAt, record.ModifiedAt, record.ChangedBySubject, record.ChangedByPersonId, record.Mutation) = (now, now, stamp?.Subject, stamp?.PersonId, stamp?.Mutation);
        return record;
    }

    private static bool Audited(Type type) => !type.IsDefined(typeof(NotAuditedAttribute), inherit: false);

    private static IEnumerable<(string Field, string? Old, string? New)> Properties(IEnumerable<PropertyEntry> properties, string prefix)
    {
        foreach (var property in properties)
        {
            var metadata = property.Metadata;
            if (!property.IsModified || Derived.Contains(metadata.Name) || metadata.IsShadowProperty())
            {
                continue;
            }

            var (old, current) = (property.OriginalValue, property.CurrentValue);
            if (metadata.GetValueComparer().Equals(old, current))
            {
                continue;
            }

            var hidden = metadata.PropertyInfo?.IsDefined(typeof(AuditWithoutValuesAttribute)) == true;
            yield return (prefix + metadata.Name, hidden ? null : Format(metadata, old), hidden ? null : Format(metadata, current));
        }
    }

    private static ChangeRecord Row(Entity entity, ChangeAction action, string? field, string? old, string? current) => new()
    {
        EntityType = entity.GetType().Name,
        EntityId = entity.Id,
        Action = action,
        Field = field,
        OldValue = old,
        NewValue = current,
    };

    /// <summary>Values as text: references as global IDs, enums by name, dates in ISO 8601, numbers in invariant culture.</summary>
    private static string? Format(IReadOnlyPropertyBase property, object? value)
    {
        var text = value switch
        {
            null => null,
            Guid id when (property as IReadOnlyProperty)?.GetContainingForeignKeys().FirstOrDefault() is { } key => GlobalId.Encode(key.PrincipalEntityType.ClrType.Name, id),
            DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime moment => moment.ToString("O", CultureInfo.InvariantCulture),
            TimeOnly time => time.ToString("HH:mm", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            Postcode postcode => postcode.Value,
            string s => s,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            IEnumerable list => string.Join(", ", list.Cast<object?>()),
            _ => value.ToString(),
        };
        return text is { Length: > MaxValueLength } ? text[..MaxValueLength] : text;
    }
}
