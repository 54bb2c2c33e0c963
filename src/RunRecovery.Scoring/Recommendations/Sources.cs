namespace RunRecovery.Scoring.Recommendations;

/// <summary>Short citations attached to recommendations; full references in docs/recovery-model.md §12.</summary>
public static class Sources
{
    public const string Guo2017 = "Guo et al. 2017, Front Physiol 8:747 (massage and DOMS)";
    public const string Dupuy2018 = "Dupuy et al. 2018, Front Physiol 9:403 (recovery techniques)";
    public const string Wiewelhove2019 = "Wiewelhove et al. 2019, Front Physiol 10:376 (foam rolling)";
    public const string Ferreira2023 = "Ferreira et al. 2023, J Funct Morphol Kinesiol 8:138 (massage guns)";
    public const string Sawka2007 = "ACSM position stand, Sawka et al. 2007, Med Sci Sports Exerc 39:377 (fluid replacement)";
    public const string Gabbett2016 = "Gabbett 2016, Br J Sports Med 50:273 (acute:chronic load)";
    public const string Impellizzeri2021 = "Impellizzeri et al. 2021, Sports Med 51:581 (ACWR critique)";
    public const string Coggan = "Coggan, TSS recovery bands (TrainingPeaks)";
    public const string Maeo2017 = "Maeo et al. 2017, Sci Rep 7:5769 (downhill running damage)";
    public const string Bontemps2020 = "Bontemps et al. 2020, Sports Med 50:2083 (downhill running, repeated bout)";
    public const string Cheung2003 = "Cheung, Hume, Maxwell 2003, Sports Med 33:145 (DOMS)";
    public const string Nielsen2014 = "Nielsen et al. 2014, J Orthop Sports Phys Ther 44:739 (weekly running distance progression and injury)";
    public const string Foster1998 = "Foster 1998, Med Sci Sports Exerc 30:1164 (monotony and strain)";
    public const string NhsDvt = "NHS inform (Scotland), Deep vein thrombosis: symptoms and when to get help";
    public const string Seiler2010 = "Seiler 2010, Int J Sports Physiol Perform 5:276 (training intensity distribution)";
    public const string Fullagar2015 = "Fullagar et al. 2015, Sports Med 45:161 (sleep and athletic performance)";
    public const string RecoveryModel = "RunRecovery recovery model (docs/recovery-model.md)";
}
