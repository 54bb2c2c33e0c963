using System.Globalization;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using static RunRecovery.Formats.Fit.Mapping.MessageValues;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// What the file says about itself, the device and the runner: file_id (the first one), device_info (the creator's
/// software version), user_profile, and sport (the file's sport when no session states one).
/// </summary>
internal sealed class FileMessages
{
    private DeviceInfo? _device;
    private string? _softwareVersion;
    private bool _haveFileId;
    private long? _sportMessageSport;
    private long? _sportMessageSubSport;

    public long? FileType { get; private set; }

    /// <summary>
    /// The activity's name: the first workout message's <c>wkt_name</c> (a planned workout the runner followed:
    /// "Wahoo Workout", "自行车" in the corpus). The sport message's <c>name</c> and the session's
    /// <c>sport_profile_name</c> are not read as one: they name the watch's activity profile ("Run", "Bike", "Pool
    /// Swim", "Löpning"), which says less than "Morning run" (docs/api.md, "Activity names").
    /// </summary>
    public string? WorkoutName { get; private set; }

    public UserProfileInfo? UserProfile { get; private set; }

    public DeviceInfo? Device => _device is null ? null : _device with { SoftwareVersion = _softwareVersion };

    public void OnFileId(in FitMessage message)
    {
        if (_haveFileId)
        {
            return;
        }

        _haveFileId = true;
        FileType = message.GetInteger(FitProfile.FileIdFields.Type.Number);
        long? manufacturer = message.GetInteger(FitProfile.FileIdFields.Manufacturer.Number);
        long? product = message.GetInteger(FitProfile.FileIdFields.Product.Number);
        long? serial = message.GetInteger(FitProfile.FileIdFields.SerialNumber.Number);
        string? productName = message.GetString(FitProfile.FileIdFields.ProductName.Number);
        _device = new DeviceInfo(
            manufacturer is long m ? FitProfile.ManufacturerName(m) : null,
            productName ?? (product is long p ? p.ToString(CultureInfo.InvariantCulture) : null),
            serial is long s and >= 0 and <= uint.MaxValue ? (uint)s : null,
            null);
    }

    public void OnDeviceInfo(in FitMessage message)
    {
        if (_softwareVersion is null
            && message.GetInteger(FitProfile.DeviceInfoFields.DeviceIndex.Number) == 0
            && Scaled(message, FitProfile.DeviceInfoFields.SoftwareVersion) is double version)
        {
            _softwareVersion = version.ToString("0.00", CultureInfo.InvariantCulture);
        }
    }

    public void OnUserProfile(in FitMessage message)
    {
        long? gender = message.GetInteger(FitProfile.UserProfileFields.Gender.Number);
        UserProfile ??= new UserProfileInfo(
            ToInt(message.GetInteger(FitProfile.UserProfileFields.Age.Number)),
            gender switch { 0 => "female", 1 => "male", _ => null },
            Scaled(message, FitProfile.UserProfileFields.Weight),
            ToInt(message.GetInteger(FitProfile.UserProfileFields.RestingHeartRate.Number)),
            ToInt(message.GetInteger(FitProfile.UserProfileFields.DefaultMaxHeartRate.Number)));
    }

    public void OnWorkout(in FitMessage message) =>
        WorkoutName ??= message.GetString(FitProfile.WorkoutFields.WktName.Number) is { } name && !string.IsNullOrWhiteSpace(name) ? name.Trim() : null;

    public void OnSport(in FitMessage message)
    {
        _sportMessageSport ??= message.GetInteger(FitProfile.SportFields.Sport.Number);
        _sportMessageSubSport ??= message.GetInteger(FitProfile.SportFields.SubSport.Number);
    }

    /// <summary>
    /// The activity's sport word: <see cref="SportWords.Multisport"/> (no sub-sport) when the sessions are of several sports
    /// (<see cref="SessionSports"/>); else the first session's that says something (not transition, generic or
    /// unknown), else the first non-transition session's, else the sport message's; its sub-sport from the same session.
    /// </summary>
    public (string? Sport, string? SubSport) ResolveSport(IReadOnlyList<ActivitySession> sessions)
    {
        if (SessionSports.Combined(sessions) is { } combined)
        {
            return (combined, null);
        }

        string? sport = sessions.Select(s => s.Sport).FirstOrDefault(s => s is not (SportWords.Transition or SportWords.Generic or null));
        sport ??= sessions.Select(s => s.Sport).FirstOrDefault(s => s != SportWords.Transition);
        sport ??= FitProfile.SportName(_sportMessageSport);

        return (sport, sessions.FirstOrDefault(s => s.Sport == sport)?.SubSport ?? FitProfile.SubSportName(_sportMessageSubSport));
    }
}
