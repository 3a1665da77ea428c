using System.Globalization;
using System.Linq.Expressions;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore.Query;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>
/// The first day on or after a given day on which an activity takes place by its schedule, as one expression that EF Core
/// translates on SQLite and PostgreSQL alike (the NEXT_OCCURRENCE sort key) and that compiles to the same arithmetic in
/// C# (the nextOccurrence field, the cursor). Days are <see cref="DateOnly.DayNumber"/>s: plain integers in both
/// databases, and because day 0 (1 January 0001) was a Monday, a day's weekday (Monday 0) is its number modulo 7.
/// </summary>
public static class NextOccurrence
{
    /// <summary>The key of an activity that never takes place again: <c>DateOnly.MaxValue.DayNumber</c>, after every real day.</summary>
    public const int Never = 3_652_058;

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>(activity, from day number) → day number of its next occurrence, or <see cref="Never"/>.</summary>
    public static readonly Expression<Func<Activity, int, int>> Key = Build();

    private static readonly Func<Activity, int, int> Compiled = Key.Compile();

    private const string CursorPrefix = "nextOccurrence@";

    /// <summary>Today in Europe/Amsterdam, where the activities take place.</summary>
    public static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Amsterdam));

    /// <summary>The next day on or after <paramref name="from"/> the activity takes place; null when it never does again.</summary>
    public static DateOnly? Of(Activity activity, DateOnly from) =>
        Compiled(activity, from.DayNumber) is var day && day == Never ? null : DateOnly.FromDayNumber(day);

    /// <summary>The sort key from <paramref name="from"/>, the day going into SQL as a parameter.</summary>
    public static Expression<Func<Activity, int>> KeyFrom(DateOnly from)
    {
        var activity = Key.Parameters[0];
        var day = Expression.Property(Expression.Constant(new FromDay(from.DayNumber)), nameof(FromDay.Value));
        return Expression.Lambda<Func<Activity, int>>(ReplacingExpressionVisitor.Replace(Key.Parameters[1], day, Key.Body), activity);
    }

    /// <summary>
    /// The ordering from <paramref name="from"/>. Its name carries the day, so that the pages after the first go on from
    /// the day the first was taken on, also across midnight (<see cref="DayOf"/>), and a cursor fits no other day.
    /// </summary>
    public static KeysetOrderPair<Activity, int> Ordering(DateOnly from) =>
        new(CursorPrefix + from.ToString("O", CultureInfo.InvariantCulture), KeyFrom(from));

    /// <summary>The day a NEXT_OCCURRENCE cursor was taken from; null for any other cursor.</summary>
    public static DateOnly? DayOf(string? cursor) =>
        cursor is not null && KeysetCursor.NameOf(cursor) is { } name && name.StartsWith(CursorPrefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(name.AsSpan(CursorPrefix.Length, Math.Min(10, name.Length - CursorPrefix.Length)), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    private static Expression<Func<Activity, int, int>> Build()
    {
        // The ISO weekday of a weekly activity, Monday 0 (weekdays are stored by name, so no arithmetic on the column).
        Expression<Func<Activity, int>> weekday = a =>
            a.Schedule.Weekday == Weekday.Monday ? 0
            : a.Schedule.Weekday == Weekday.Tuesday ? 1
            : a.Schedule.Weekday == Weekday.Wednesday ? 2
            : a.Schedule.Weekday == Weekday.Thursday ? 3
            : a.Schedule.Weekday == Weekday.Friday ? 4
            : a.Schedule.Weekday == Weekday.Saturday ? 5 : 6;

        // The first day that counts: from, or the first day of the schedule when that is later.
        Expression<Func<Activity, int, int>> begin = (a, from) =>
            a.Schedule.StartsOn != null && a.Schedule.StartsOn.Value.DayNumber > from ? a.Schedule.StartsOn.Value.DayNumber : from;

        // A weekly activity moves on to its weekday (0 to 6 days); a one-off or a period takes place every day it runs.
        Expression<Func<Activity, int, int, int>> onItsDay = (a, day, wd) =>
            a.Schedule.Kind == ScheduleKind.Recurring && a.Schedule.Weekday != null ? day + ((wd - (day % 7) + 7) % 7) : day;

        // Past the last day: an end day, or for a one-off without one its only day (as activeOn reads it).
        Expression<Func<Activity, int, int>> unlessOver = (a, day) =>
            (a.Schedule.EndsOn != null
                ? a.Schedule.EndsOn.Value.DayNumber < day
                : a.Schedule.Kind == ScheduleKind.OneOff && a.Schedule.StartsOn != null && a.Schedule.StartsOn.Value.DayNumber < day)
                ? Never
                : day;

        var activity = Expression.Parameter(typeof(Activity), "a");
        var fromDay = Expression.Parameter(typeof(int), "from");
        var first = Inline(begin, activity, fromDay);
        var next = Inline(onItsDay, activity, first, Inline(weekday, activity));
        var body = Inline(unlessOver, activity, next);
        return Expression.Lambda<Func<Activity, int, int>>(body, activity, fromDay);
    }

    private static Expression Inline(LambdaExpression lambda, params Expression[] arguments)
    {
        var body = lambda.Body;
        for (var i = 0; i < arguments.Length; i++)
        {
            body = ReplacingExpressionVisitor.Replace(lambda.Parameters[i], arguments[i], body);
        }

        return body;
    }

    // A captured value, so that EF Core sends the day as a parameter and reuses one plan for every day.
    private sealed class FromDay(int value)
    {
        public int Value { get; } = value;
    }
}
