using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Profile;

/// <summary>One profile field: number, scale, offset and units (physical value = raw / scale − offset).</summary>
public readonly record struct FitProfileField(byte Number, string Name, double Scale = 1, double Offset = 0, string? Units = null)
{
    public double ToPhysical(double raw) => (raw / Scale) - Offset;

    public double ToRaw(double physical) => (physical + Offset) * Scale;
}

/// <summary>
/// The subset of the FIT profile (21.x) that RunRecovery reads and writes. Numbers, scales and units are the
/// profile's (recovery-science.md §4.7); anything not listed is skipped by its declared size.
/// </summary>
public static class FitProfile
{
    /// <summary>FIT time zero: 1989-12-31T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(1989, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>date_time values below this are seconds since device power-on, not dates.</summary>
    public const uint MinimumAbsoluteTime = 0x10000000;

    /// <summary>Semicircles → degrees: × 180 / 2³¹.</summary>
    public const double DegreesPerSemicircle = 180.0 / 2147483648.0;

    public const ushort FileId = 0;
    public const ushort UserProfile = 3;
    public const ushort Sport = 12;
    public const ushort Session = 18;
    public const ushort Lap = 19;
    public const ushort Record = 20;
    public const ushort Event = 21;
    public const ushort Workout = 26;
    public const ushort DeviceInfo = 23;
    public const ushort Activity = 34;
    public const ushort Hrv = 78;
    public const ushort Hr = 132;
    public const ushort FieldDescription = 206;
    public const ushort DeveloperDataId = 207;

    public const byte TimestampField = 253;

    public static DateTimeOffset ToDateTime(uint fitSeconds) => Epoch.AddSeconds(fitSeconds);

    public static uint ToFitSeconds(DateTimeOffset time) => (uint)Math.Clamp((time - Epoch).TotalSeconds, 0, uint.MaxValue - 1);

    public static class FileIdFields
    {
        public static readonly FitProfileField Type = new(0, "type");
        public static readonly FitProfileField Manufacturer = new(1, "manufacturer");
        public static readonly FitProfileField Product = new(2, "product");
        public static readonly FitProfileField SerialNumber = new(3, "serial_number");
        public static readonly FitProfileField TimeCreated = new(4, "time_created", Units: "s");
        public static readonly FitProfileField ProductName = new(8, "product_name");
    }

    public static class RecordFields
    {
        public static readonly FitProfileField PositionLat = new(0, "position_lat", Units: "semicircles");
        public static readonly FitProfileField PositionLong = new(1, "position_long", Units: "semicircles");
        public static readonly FitProfileField Altitude = new(2, "altitude", 5, 500, "m");
        public static readonly FitProfileField HeartRate = new(3, "heart_rate", Units: "bpm");
        public static readonly FitProfileField Cadence = new(4, "cadence", Units: "rpm");
        public static readonly FitProfileField Distance = new(5, "distance", 100, Units: "m");
        public static readonly FitProfileField Speed = new(6, "speed", 1000, Units: "m/s");
        public static readonly FitProfileField Power = new(7, "power", Units: "watts");

        /// <summary>3 bytes: speed (12 bits, scale 100, m/s) and distance (12 bits, scale 16, m, accumulated).</summary>
        public static readonly FitProfileField CompressedSpeedDistance = new(8, "compressed_speed_distance");
        public static readonly FitProfileField Temperature = new(13, "temperature", Units: "C");
        public static readonly FitProfileField FractionalCadence = new(53, "fractional_cadence", 128, Units: "rpm");
        public static readonly FitProfileField EnhancedSpeed = new(73, "enhanced_speed", 1000, Units: "m/s");
        public static readonly FitProfileField EnhancedAltitude = new(78, "enhanced_altitude", 5, 500, "m");
        public const double CompressedSpeedScale = 100;
        public const double CompressedDistanceScale = 16;
    }

    /// <summary>Session (18) and lap (19) share 2 and 7–9; the rest differ and are listed per message.</summary>
    public static class SessionFields
    {
        public static readonly FitProfileField Event = new(0, "event");
        public static readonly FitProfileField StartTime = new(2, "start_time", Units: "s");
        public static readonly FitProfileField Sport = new(5, "sport");
        public static readonly FitProfileField SubSport = new(6, "sub_sport");
        public static readonly FitProfileField TotalElapsedTime = new(7, "total_elapsed_time", 1000, Units: "s");
        public static readonly FitProfileField TotalTimerTime = new(8, "total_timer_time", 1000, Units: "s");
        public static readonly FitProfileField TotalDistance = new(9, "total_distance", 100, Units: "m");
        public static readonly FitProfileField TotalCalories = new(11, "total_calories", Units: "kcal");
        public static readonly FitProfileField AvgHeartRate = new(16, "avg_heart_rate", Units: "bpm");
        public static readonly FitProfileField MaxHeartRate = new(17, "max_heart_rate", Units: "bpm");
        public static readonly FitProfileField AvgCadence = new(18, "avg_cadence", Units: "rpm");
        public static readonly FitProfileField TotalAscent = new(22, "total_ascent", Units: "m");
        public static readonly FitProfileField TotalDescent = new(23, "total_descent", Units: "m");
        public static readonly FitProfileField AvgFractionalCadence = new(92, "avg_fractional_cadence", 128, Units: "rpm");
    }

    /// <summary>Lap (19): fields 2 and 7–9 are the session's (<see cref="SessionFields"/>), the rest its own numbers.</summary>
    public static class LapFields
    {
        public static readonly FitProfileField StartTime = SessionFields.StartTime;
        public static readonly FitProfileField TotalElapsedTime = SessionFields.TotalElapsedTime;
        public static readonly FitProfileField TotalTimerTime = SessionFields.TotalTimerTime;
        public static readonly FitProfileField TotalDistance = SessionFields.TotalDistance;
        public static readonly FitProfileField AvgHeartRate = new(15, "avg_heart_rate", Units: "bpm");
        public static readonly FitProfileField MaxHeartRate = new(16, "max_heart_rate", Units: "bpm");
        public static readonly FitProfileField TotalAscent = new(21, "total_ascent", Units: "m");
        public static readonly FitProfileField TotalDescent = new(22, "total_descent", Units: "m");
    }

    public static class EventFields
    {
        public static readonly FitProfileField Event = new(0, "event");
        public static readonly FitProfileField EventType = new(1, "event_type");
        public static readonly FitProfileField Data = new(3, "data");
        public const byte TimerEvent = 0;
        public const byte Start = 0;
        public const byte Stop = 1;
        public const byte StopAll = 4;
        public const byte StopDisable = 8;
        public const byte StopDisableAll = 9;

        public static bool IsStop(long eventType) => eventType is Stop or StopAll or StopDisable or StopDisableAll;
    }

    public static class ActivityFields
    {
        public static readonly FitProfileField TotalTimerTime = new(0, "total_timer_time", 1000, Units: "s");
        public static readonly FitProfileField NumSessions = new(1, "num_sessions");
        public static readonly FitProfileField LocalTimestamp = new(5, "local_timestamp", Units: "s");
    }

    public static class HrvFields
    {
        public static readonly FitProfileField Time = new(0, "time", 1000, Units: "s");
    }

    /// <summary>hr (132): heart beats of a strap that stored them (HRM-Tri/Swim), merged into records.</summary>
    public static class HrFields
    {
        public static readonly FitProfileField FractionalTimestamp = new(0, "fractional_timestamp", 32768, Units: "s");
        public static readonly FitProfileField Time256 = new(1, "time256", 256, Units: "s");
        public static readonly FitProfileField FilteredBpm = new(6, "filtered_bpm", Units: "bpm");
        public static readonly FitProfileField EventTimestamp = new(9, "event_timestamp", 1024, Units: "s");

        /// <summary>Bytes packing 12-bit event_timestamp components (scale 1024, accumulated).</summary>
        public static readonly FitProfileField EventTimestamp12 = new(10, "event_timestamp_12");
    }

    /// <summary>The planned workout the activity followed; its name is the activity's name (issue 15).</summary>
    public static class WorkoutFields
    {
        public static readonly FitProfileField WktName = new(8, "wkt_name");
    }

    public static class SportFields
    {
        public static readonly FitProfileField Sport = new(0, "sport");
        public static readonly FitProfileField SubSport = new(1, "sub_sport");
    }

    public static class DeviceInfoFields
    {
        public static readonly FitProfileField DeviceIndex = new(0, "device_index");
        public static readonly FitProfileField Manufacturer = new(2, "manufacturer");
        public static readonly FitProfileField SerialNumber = new(3, "serial_number");
        public static readonly FitProfileField Product = new(4, "product");
        public static readonly FitProfileField SoftwareVersion = new(5, "software_version", 100);
    }

    public static class UserProfileFields
    {
        public static readonly FitProfileField Gender = new(1, "gender");
        public static readonly FitProfileField Age = new(2, "age", Units: "years");
        public static readonly FitProfileField Weight = new(4, "weight", 10, Units: "kg");
        public static readonly FitProfileField RestingHeartRate = new(8, "resting_heart_rate", Units: "bpm");
        public static readonly FitProfileField DefaultMaxHeartRate = new(11, "default_max_heart_rate", Units: "bpm");
    }

    private static readonly string[] SportNames =
    [
        "generic", "running", "cycling", "transition", "fitness_equipment", "swimming", "basketball", "soccer", "tennis",
        "american_football", "training", "walking", "cross_country_skiing", "alpine_skiing", "snowboarding", "rowing",
        "mountaineering", "hiking", "multisport", "paddling", "flying", "e_biking", "motorcycling", "boating", "driving",
        "golf", "hang_gliding", "horseback_riding", "hunting", "fishing", "inline_skating", "rock_climbing", "sailing",
        "ice_skating", "sky_diving", "snowshoeing", "snowmobiling", "stand_up_paddleboarding", "surfing", "wakeboarding",
        "water_skiing", "kayaking", "rafting", "windsurfing", "kitesurfing", "tactical", "jumpmaster", "boxing",
        "floor_climbing", "baseball",
    ];

    /// <summary>
    /// FIT sport enum → its profile name ("running", "fitness_equipment"), or the number when we do not list it (as
    /// <see cref="SubSportName"/>); null when the file states none.
    /// </summary>
    public static string? SportName(long? sport) => ProfileName(SportNames, sport);

    /// <summary>A sport word → the FIT sport enum (for the encoder); generic (0) for a word the profile does not list, or none.</summary>
    public static byte SportNumber(string? name)
    {
        int index = name is null ? -1 : Array.IndexOf(SportNames, name);
        return index >= 0 ? (byte)index : (byte)0;
    }

    private static readonly string[] SubSportNames =
    [
        "generic", "treadmill", "street", "trail", "track", "spin", "indoor_cycling", "road", "mountain", "downhill",
        "recumbent", "cyclocross", "hand_cycling", "track_cycling", "indoor_rowing", "elliptical", "stair_climbing",
        "lap_swimming", "open_water", "flexibility_training", "strength_training", "warm_up", "match", "exercise",
        "challenge", "indoor_skiing", "cardio_training", "indoor_walking", "e_bike_fitness", "bmx", "casual_walking",
        "speed_walking", "bike_to_run_transition", "run_to_bike_transition", "swim_to_bike_transition", "atv",
        "motocross", "backcountry", "resort", "rc_drone", "wingsuit", "whitewater", "skate_skiing", "yoga", "pilates",
        "indoor_running", "gravel_cycling", "e_bike_mountain", "commuting", "mixed_surface", "navigate", "track_me",
        "map", "single_gas_diving", "multi_gas_diving", "gauge_diving", "apnea_diving", "apnea_hunting",
        "virtual_activity", "obstacle",
    ];

    /// <summary>FIT sub_sport enum → its profile name ("treadmill"), or the number when we do not list it.</summary>
    public static string? SubSportName(long? subSport) => ProfileName(SubSportNames, subSport);

    /// <summary>A FIT sport or sub-sport value's profile name from its table; 254 is "all"; unlisted values as their number.</summary>
    private static string? ProfileName(string[] names, long? value) => value switch
    {
        null => null,
        { } listed when listed >= 0 && listed < names.Length => names[listed],
        254 => "all",
        _ => value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static byte? SubSportNumber(string? name)
    {
        if (name is null)
        {
            return null;
        }

        int index = Array.IndexOf(SubSportNames, name);
        return index >= 0 ? (byte)index : null;
    }

    /// <summary>file_id.type for an activity recording; every other type (settings, weight scale…) is not a run.</summary>
    public const byte ActivityFileType = 4;

    /// <summary>The FIT profile's name of a file_id.type value (for messages), or "type N" when it has none.</summary>
    public static string FileTypeName(long type) => type switch
    {
        1 => "device",
        2 => "settings",
        3 => "sport",
        4 => "activity",
        5 => "workout",
        6 => "course",
        7 => "schedules",
        9 => "weight scale",
        10 => "totals",
        11 => "goals",
        14 => "blood pressure",
        15 => "monitoring (A)",
        20 => "activity summary",
        28 => "daily monitoring",
        32 => "monitoring (B)",
        34 => "segment",
        35 => "segment list",
        40 => "extended display configuration",
        >= 0xF7 and <= 0xFE => "manufacturer-specific",
        _ => $"type {type}",
    };

    /// <summary>Manufacturer names for the makers whose files we meet; other ids are kept as numbers.</summary>
    public static string ManufacturerName(long id) => id switch
    {
        1 => "garmin",
        13 => "dynastream_oem",
        15 => "dynastream",
        23 => "suunto",
        32 => "wahoo_fitness",
        70 => "sigmasport",
        95 => "stryd",
        123 => "polar",
        255 => "development",
        260 => "zwift",
        265 => "strava",
        294 => "coros",
        _ => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
