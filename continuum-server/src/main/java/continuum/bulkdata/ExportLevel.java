package continuum.bulkdata;

/**
 * Where an export was kicked off (Bulk Data Access IG, "Bulk Data Kick-off Request"): the
 * whole server, every patient, or the patients of a group.
 */
public enum ExportLevel {

	SYSTEM, PATIENT, GROUP

}
