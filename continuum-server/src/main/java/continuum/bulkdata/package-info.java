/**
 * FHIR Bulk Data Access (v2) export: {@code $export} at the system, Patient and Group
 * levels, run in the background on one node at a time, resumable after a restart, every
 * exported patient audited once per export. Sits above every module whose resources it
 * exports, and reads them through their {@code PatientCompartmentExport}s.
 */
@NullMarked
package continuum.bulkdata;

import org.jspecify.annotations.NullMarked;
