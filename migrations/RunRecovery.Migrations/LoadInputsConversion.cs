namespace RunRecovery.Migrations;

/// <summary>
/// The SQL that rewrites <c>activities.load_inputs</c> between the versions of its contract
/// (<c>RunRecovery.Application.LoadInputs.LoadInputsJson</c>, docs/decisions/load-inputs-versioned-contract.md).
/// Version 1 is a JSON array of inputs, each with a list of sample objects; version 2 is
/// <c>{"version": 2, "inputs": [...]}</c> with each input's samples as the columns <c>series.dt/hr/alt/dist</c>.
/// Both statements only touch rows in the other version, so running one twice changes nothing. Kept here, outside
/// the generated migration, so tests can run them against rows written in the old format. They read the column as
/// jsonb (<c>::jsonb</c>): it was jsonb when version 2 came and is json since the capacity migration <c>JsonDocuments</c>.
/// </summary>
public static class LoadInputsConversion
{
    /// <summary>
    /// Version 1 → 2. The totals are kept as they are; positions, and the model's derived fields <c>endUtc</c> and
    /// <c>loadsRunningMuscles</c>, are left out (the load model reads neither). Sample times go through
    /// <c>timestamptz</c>, so a fraction finer than a microsecond is rounded to it (the readers write whole
    /// seconds for FIT and milliseconds at most for GPX and TCX).
    /// </summary>
    public const string ToVersion2 = """
        UPDATE runrecovery.activities AS a
        SET load_inputs = jsonb_build_object('version', 2, 'inputs', coalesce((
            SELECT jsonb_agg(
                (input.value - 'samples' - 'endUtc' - 'loadsRunningMuscles') || coalesce((
                    SELECT jsonb_build_object('series', jsonb_strip_nulls(jsonb_build_object(
                        'start', (array_agg(x.sample -> 'time' ORDER BY x.n))[1],
                        'dt', jsonb_agg(to_jsonb(x.dt) ORDER BY x.n),
                        'hr', CASE WHEN bool_and(x.sample -> 'heartRateBpm' IS NULL) THEN NULL
                            ELSE jsonb_agg(x.sample -> 'heartRateBpm' ORDER BY x.n) END,
                        'alt', CASE WHEN bool_and(x.sample -> 'altitudeMeters' IS NULL) THEN NULL
                            ELSE jsonb_agg(x.sample -> 'altitudeMeters' ORDER BY x.n) END,
                        'dist', CASE WHEN bool_and(x.sample -> 'distanceMeters' IS NULL) THEN NULL
                            ELSE jsonb_agg(x.sample -> 'distanceMeters' ORDER BY x.n) END)))
                    FROM (
                        SELECT s.sample, s.n, coalesce(extract(epoch FROM
                            (s.sample ->> 'time')::timestamptz - lag((s.sample ->> 'time')::timestamptz) OVER (ORDER BY s.n))::float8, 0) AS dt
                        FROM jsonb_array_elements(coalesce(input.value -> 'samples', '[]'::jsonb)) WITH ORDINALITY AS s(sample, n)
                    ) AS x
                    HAVING count(*) > 0), '{}'::jsonb)
                ORDER BY input.n)
            FROM jsonb_array_elements(a.load_inputs::jsonb) WITH ORDINALITY AS input(value, n)), '[]'::jsonb))
        WHERE jsonb_typeof(a.load_inputs::jsonb) = 'array';
        """;

    /// <summary>Version 2 → 1, for a rollback: samples as objects again, with their times in UTC and no positions.</summary>
    public const string ToVersion1 = """
        UPDATE runrecovery.activities AS a
        SET load_inputs = coalesce((
            SELECT jsonb_agg(
                (input.value - 'series') || jsonb_build_object('samples', coalesce((
                    SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'time', to_jsonb(p.at),
                        'altitudeMeters', input.value -> 'series' -> 'alt' -> (p.n::int - 1),
                        'distanceMeters', input.value -> 'series' -> 'dist' -> (p.n::int - 1),
                        'heartRateBpm', input.value -> 'series' -> 'hr' -> (p.n::int - 1))) ORDER BY p.n)
                    FROM (
                        SELECT d.n, (input.value -> 'series' ->> 'start')::timestamptz
                            + make_interval(secs => sum(d.dt::float8) OVER (ORDER BY d.n)) AS at
                        FROM jsonb_array_elements_text(input.value -> 'series' -> 'dt') WITH ORDINALITY AS d(dt, n)
                    ) AS p), '[]'::jsonb))
                ORDER BY input.n)
            FROM jsonb_array_elements(a.load_inputs::jsonb -> 'inputs') WITH ORDINALITY AS input(value, n)), '[]'::jsonb)
        WHERE jsonb_typeof(a.load_inputs::jsonb) = 'object' AND a.load_inputs::jsonb ->> 'version' = '2';
        """;
}
