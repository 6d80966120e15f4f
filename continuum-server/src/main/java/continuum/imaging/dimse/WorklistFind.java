package continuum.imaging.dimse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import continuum.imaging.DicomPeer;
import continuum.imaging.ProcedureStepService;
import continuum.imaging.StepStatus;
import continuum.imaging.WorklistEntry;
import continuum.imaging.WorklistQuery;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.DataElement;
import org.continuum.dicom.data.DateRange;
import org.continuum.dicom.data.Sequence;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.DimseException;
import org.continuum.dicom.net.service.FindHandler;
import org.continuum.dicom.net.service.FindRequest;
import org.continuum.dicom.net.service.KeyMatcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers a worklist query (PS3.4 §K.6.1.2) from the RIS tables: the keys the RIS indexes
 * — Scheduled Station AE Title, Modality, the Scheduled Procedure Step Start Date and
 * Time (a combined range, §C.2.2.2.5), Patient ID, Accession Number, Requested Procedure
 * ID, Scheduled Procedure Step ID, Study Instance UID — go into the SQL when they are
 * single values; Patient's Name is matched component by component without case or
 * accents; any other key with a value (a wildcard on the station, a Patient's Sex) is
 * matched on the built item by the library's {@link KeyMatcher}. Only scheduled steps
 * (and those in progress when {@code continuum.imaging.worklist-includes-in-progress},
 * {@link ProcedureStepService#modalityWorklistStatuses}) are listed; each response
 * carries the return keys asked for (§K.6.1.2.2), in UTF-8 (ISO_IR 192). A key that
 * cannot be read (a date that is no date) is answered with Identifier Does Not Match SOP
 * Class (A900), before any match.
 */
@Component
class WorklistFind implements FindHandler {

	private static final Logger log = LoggerFactory.getLogger(WorklistFind.class);

	private static final int MAX_MATCHES = 1000;

	private final ProcedureStepService steps;

	private final WorklistItems items;

	private final PeerChecks checks;

	WorklistFind(ProcedureStepService steps, WorklistItems items, PeerChecks checks) {
		this.steps = steps;
		this.items = items;
		this.checks = checks;
	}

	@Override
	public Iterator<Attributes> find(FindRequest request) throws DimseException {
		checks.require(request.callingAeTitle(), DicomPeer.Operation.WORKLIST);
		Attributes keys = request.identifier();
		Attributes spsKeys = spsKeys(keys);
		WorklistQuery query = query(keys, spsKeys, request.callingAeTitle());
		List<WorklistEntry> entries = steps.worklist(query);
		Attributes otherKeys = residualKeys(keys);
		Attributes otherSpsKeys = residualSpsKeys(spsKeys);
		List<Attributes> matches = new ArrayList<>();
		for (WorklistEntry entry : entries) {
			Attributes item = items.of(entry);
			Attributes sps = item.getSequence(Tag.ScheduledProcedureStepSequence).get(0);
			if (KeyMatcher.matches(otherKeys, item) && KeyMatcher.matches(otherSpsKeys, sps)) {
				matches.add(WorklistItems.project(keys, item));
			}
		}
		log.info("Worklist query from {}: {} matches", request.callingAeTitle(), matches.size());
		return matches.iterator();
	}

	private WorklistQuery query(Attributes keys, Attributes sps, String caller) throws DimseException {
		Set<StepStatus> statuses = steps.modalityWorklistStatuses();
		Instant[] window = window(sps.getString(Tag.ScheduledProcedureStepStartDate),
				sps.getString(Tag.ScheduledProcedureStepStartTime));
		return new WorklistQuery(statuses, exact(sps, Tag.ScheduledStationAETitle), exact(sps, Tag.Modality), window[0],
				window[1], nameKey(keys), exact(keys, Tag.PatientID), exact(keys, Tag.AccessionNumber),
				exact(keys, Tag.RequestedProcedureID), exact(sps, Tag.ScheduledProcedureStepID),
				exact(keys, Tag.StudyInstanceUID), MAX_MATCHES, "DICOM AE " + caller);
	}

	/** The first item of the SPS Sequence key, or an empty one. */
	private static Attributes spsKeys(Attributes keys) {
		Sequence sequence = keys.getSequence(Tag.ScheduledProcedureStepSequence);
		return sequence == null || sequence.isEmpty() ? new Attributes() : sequence.get(0);
	}

	/**
	 * A single value without wildcards (SQL matching); null for universal or wildcard
	 * keys.
	 */
	private static @Nullable String exact(Attributes keys, int tag) {
		String value = keys.getString(tag);
		if (value == null || value.isBlank() || value.contains("*") || value.contains("?")
				|| keys.getStrings(tag).length > 1) {
			return null;
		}
		return value.strip();
	}

	private static @Nullable String nameKey(Attributes keys) {
		String value = keys.getString(Tag.PatientName);
		return value == null || value.isBlank() || value.equals("*") ? null : value.strip();
	}

	/**
	 * The start window {@code [from, to)} of the date and time keys, combined as one
	 * date-time range when both are given (PS3.4 §C.2.2.2.5.1); Brussels local time.
	 */
	static Instant[] window(@Nullable String date, @Nullable String time) throws DimseException {
		if (date == null || date.isBlank()) {
			return new Instant[] { null, null };
		}
		try {
			DateRange dates = DateRange.parse(date);
			LocalTime fromTime = LocalTime.MIDNIGHT;
			LocalTime toTime = null;
			if (time != null && !time.isBlank()) {
				String t = time.strip();
				int dash = t.indexOf('-');
				String lo = dash < 0 ? t : t.substring(0, dash);
				String hi = dash < 0 ? t : t.substring(dash + 1);
				fromTime = lo.isBlank() ? LocalTime.MIDNIGHT : time(lo);
				toTime = hi.isBlank() ? null : time(hi).plusMinutes(1);
			}
			Instant from = dates.from() == null ? null
					: dates.from().atTime(fromTime).atZone(WorklistItems.ZONE).toInstant();
			Instant to = null;
			if (dates.to() != null) {
				LocalDate last = dates.to();
				to = (toTime == null || toTime.equals(LocalTime.MIDNIGHT) ? last.plusDays(1).atStartOfDay()
						: last.atTime(toTime))
					.atZone(WorklistItems.ZONE)
					.toInstant();
			}
			return new Instant[] { from, to };
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new DimseException(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
					"Scheduled Procedure Step Start Date/Time is not a date/time range");
		}
	}

	private static LocalTime time(String tm) {
		String digits = tm.strip().replace(":", "");
		int dot = digits.indexOf('.');
		if (dot >= 0) {
			digits = digits.substring(0, dot);
		}
		if (!digits.matches("\\d{2}|\\d{4}|\\d{6}")) {
			throw new IllegalArgumentException("not a TM value");
		}
		return LocalTime.parse((digits + "0000").substring(0, 6), DateTimeFormatter.ofPattern("HHmmss"));
	}

	/** Keys matched after the query: all but those the query took and the sequences. */
	private static Attributes residualKeys(Attributes keys) {
		Attributes rest = new Attributes();
		for (DataElement key : keys) {
			if (key.tag() != Tag.PatientName && !key.isSequence()) {
				rest.set(key);
			}
		}
		return rest;
	}

	private static Attributes residualSpsKeys(Attributes sps) {
		Attributes rest = new Attributes();
		for (DataElement key : sps) {
			if (key.tag() != Tag.ScheduledProcedureStepStartDate && key.tag() != Tag.ScheduledProcedureStepStartTime
					&& !key.isSequence()) {
				rest.set(key);
			}
		}
		return rest;
	}

}
