using System.Globalization;
using System.Linq.Expressions;
using GraphQL.Types;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore.Query;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>A circle around a point: the <c>near</c> condition of an activity filter and the centre of the DISTANCE order.</summary>
public sealed class NearScope
{
    public const double MaxWithinKm = 50;

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public double WithinKm { get; set; }

    /// <summary>The checked point; a bad value fails before any SQL runs.</summary>
    public Nearby Check()
    {
        if (WithinKm is not (> 0 and <= MaxWithinKm))
        {
            throw ApiException.BadRequest($"'near.withinKm' must be more than 0 and at most {MaxWithinKm.ToString(CultureInfo.InvariantCulture)}.");
        }

        return Nearby.At(Latitude, Longitude, "near");
    }
}

public sealed class NearScopeType : InputObjectGraphType<NearScope>
{
    public NearScopeType()
    {
        Name = "NearScope";
        Description = "A circle on the map: a point in WGS 84 degrees and a radius in kilometres.";
        Field<NonNullGraphType<FloatGraphType>>("latitude").Description("The centre's latitude in WGS 84 degrees, -90 to 90.");
        Field<NonNullGraphType<FloatGraphType>>("longitude").Description("The centre's longitude in WGS 84 degrees, -180 to 180.");
        Field<NonNullGraphType<FloatGraphType>>("withinKm").Description($"The radius in kilometres, more than 0 and at most {NearScope.MaxWithinKm.ToString(CultureInfo.InvariantCulture)}.");
    }
}

/// <summary>
/// Distances from one point, as arithmetic SQLite and PostgreSQL both do without trigonometry: the equirectangular
/// approximation, with the cosine of the point's latitude worked out here. Over the tens of kilometres of a city it is
/// within a fraction of a percent of the great-circle distance.
/// </summary>
public sealed class Nearby
{
    // Kilometres per degree of latitude on a sphere of the Earth's mean radius (6,371 km).
    private const double KmPerDegree = 6371.0 * Math.PI / 180.0;

    private Nearby(double latitude, double longitude)
    {
        Latitude = latitude;
        Longitude = longitude;
        KmPerDegreeOfLongitude = KmPerDegree * Math.Cos(latitude * Math.PI / 180.0);
    }

    public double Latitude { get; }

    public double Longitude { get; }

    public double KmPerDegreeOfLongitude { get; }

    /// <summary>A checked point; <paramref name="field"/> names the input in the error.</summary>
    public static Nearby At(double latitude, double longitude, string field)
    {
        if (latitude is not (>= -90 and <= 90) || longitude is not (>= -180 and <= 180))
        {
            throw ApiException.BadRequest($"'{field}' needs a latitude from -90 to 90 and a longitude from -180 to 180 (WGS 84 degrees).");
        }

        return new Nearby(latitude, longitude);
    }

    /// <summary>Activities with coordinates, as a condition (rows without them drop out).</summary>
    public static readonly Expression<Func<Activity, bool>> HasCoordinates =
        a => a.Location!.Latitude != null && a.Location.Longitude != null;

    /// <summary>
    /// The squared distance in km² of an activity with coordinates: the DISTANCE sort key (the square root orders the
    /// same, and neither engine needs one). The point goes into SQL as parameters.
    /// </summary>
    public Expression<Func<Activity, double>> SquaredKm()
    {
        var point = this;
        return a =>
            ((((double)a.Location!.Longitude!.Value) - point.Longitude) * point.KmPerDegreeOfLongitude * ((((double)a.Location.Longitude.Value) - point.Longitude) * point.KmPerDegreeOfLongitude))
            + ((((double)a.Location.Latitude!.Value) - point.Latitude) * KmPerDegree * ((((double)a.Location.Latitude.Value) - point.Latitude) * KmPerDegree));
    }

    /// <summary>The distance in km to a location, as the filter and the order compute it; null without coordinates.</summary>
    public double? KmTo(ActivityLocation? location)
    {
        if (location is not { Latitude: { } latitude, Longitude: { } longitude })
        {
            return null;
        }

        var x = ((double)longitude - Longitude) * KmPerDegreeOfLongitude;
        var y = ((double)latitude - Latitude) * KmPerDegree;
        return Math.Sqrt((x * x) + (y * y));
    }

    /// <summary>Activities within <paramref name="km"/> of the point.</summary>
    public Expression<Func<Activity, bool>> Within(double km)
    {
        var squared = SquaredKm();
        var limit = km * km;
        var body = Expression.AndAlso(
            ReplacingExpressionVisitor.Replace(HasCoordinates.Parameters[0], squared.Parameters[0], HasCoordinates.Body),
            Expression.LessThanOrEqual(squared.Body, Expression.Property(Expression.Constant(new Limit(limit)), nameof(Limit.Value))));
        return Expression.Lambda<Func<Activity, bool>>(body, squared.Parameters[0]);
    }

    /// <summary>The DISTANCE ordering from this point; its name carries the point, so a cursor fits no other centre.</summary>
    public KeysetOrderPair<Activity, double> Ordering() =>
        new(string.Create(CultureInfo.InvariantCulture, $"distance@{Latitude:R},{Longitude:R}"), SquaredKm());

    private sealed class Limit(double value)
    {
        public double Value { get; } = value;
    }
}
