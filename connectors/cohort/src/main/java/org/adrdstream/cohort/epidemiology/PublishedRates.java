package org.adrdstream.cohort.epidemiology;

/**
 * The population-level tables the generator is calibrated to. Rates at 65 and over are the Dutch IPCI
 * primary-care EHR cohort (Table 1 of "The association of vascular disorders with incident dementia in
 * different age groups", Alzheimer's Research &amp; Therapy 2019, doi:10.1186/s13195-019-0496-x): incident
 * dementia and all-cause mortality per 1,000 person-years among people without dementia. Rates below 65 are
 * extrapolations (halving every five years for dementia; US life tables for mortality), see docs/cohort.md.
 */
public final class PublishedRates {

    /** All-cause dementia incidence per person-year among dementia-free people, by age band. */
    public static final AgeSchedule DEMENTIA_INCIDENCE = AgeSchedule.perThousand(
            40, 0.02, 50, 0.1, 55, 0.2, 60, 0.5,
            65, 1.52, 70, 4.10, 75, 9.88, 80, 20.09, 85, 30.76, 90, 40.00);

    /** All-cause mortality per person-year among dementia-free people of both sexes, by age band. */
    public static final AgeSchedule MORTALITY = AgeSchedule.perThousand(
            40, 2.5, 50, 4.0, 55, 6.0, 60, 8.5,
            65, 10.97, 70, 17.35, 75, 28.19, 80, 48.94, 85, 84.87, 90, 182.61);

    /** Mortality multiplier for men and women relative to both sexes (US life tables: men ~1.5x women). */
    public static final double MALE_MORTALITY_FACTOR = 1.22;
    public static final double FEMALE_MORTALITY_FACTOR = 0.82;

    /** Hazard ratio for death after dementia onset (commonly reported around 2). */
    public static final double DEMENTIA_MORTALITY_FACTOR = 2.0;

    private PublishedRates() {
    }
}
