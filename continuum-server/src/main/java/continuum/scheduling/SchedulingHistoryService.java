package continuum.scheduling;

import java.util.List;

import continuum.patients.HistoryPage;
import continuum.patients.HistoryQuery;
import continuum.platform.GoneException;
import continuum.security.AccessControl;
import continuum.security.Interaction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The kept versions of schedules and slots (FHIR vread and {@code _history}), newest
 * first. They hold no patient data (a slot says that it is busy, never for whom), so, as
 * their reads, they are access-checked but not audited: an instance's versions as a read,
 * a type's as a search.
 */
@Service
public class SchedulingHistoryService {

	private final SchedulingVersionRepository versions;

	private final AccessControl access;

	SchedulingHistoryService(SchedulingVersionRepository versions, AccessControl access) {
		this.versions = versions;
		this.access = access;
	}

	/** A slot version, or a deletion of a slot (kept as a version of its own). */
	public record SlotVersion(Slot slot, boolean deleted) {
	}

	@Transactional(readOnly = true)
	public Schedule scheduleVersion(ScheduleId id, int version) {
		access.require(ScheduleService.SCHEDULE, Interaction.READ, id.asString(), null);
		return versions.schedule(id, version).orElseThrow(() -> new ScheduleNotFoundException(id, version));
	}

	@Transactional(readOnly = true)
	public HistoryPage<Schedule> scheduleHistory(ScheduleId id, HistoryQuery query) {
		access.require(ScheduleService.SCHEDULE, Interaction.READ, id.asString(), null);
		if (versions.countSchedules(id, null) == 0) {
			throw new ScheduleNotFoundException(id);
		}
		List<Schedule> page = versions.schedules(id, query.since(), query.limit(), query.offset());
		return new HistoryPage<>(page, total(page.size(), query, () -> versions.countSchedules(id, query.since())));
	}

	@Transactional(readOnly = true)
	public HistoryPage<Schedule> scheduleHistory(HistoryQuery query) {
		access.require(ScheduleService.SCHEDULE, Interaction.SEARCH, null, null);
		List<Schedule> page = versions.schedules(null, query.since(), query.limit(), query.offset());
		return new HistoryPage<>(page, total(page.size(), query, () -> versions.countSchedules(null, query.since())));
	}

	/** A slot version; gone (410) if that version is the slot's deletion. */
	@Transactional(readOnly = true)
	public Slot slotVersion(SlotId id, int version) {
		access.require(AvailabilityService.SLOT, Interaction.READ, id.asString(), null);
		SchedulingVersionRepository.SlotRow row = versions.slot(id, version)
			.orElseThrow(() -> new SlotNotFoundException(id, version));
		if (row.deleted()) {
			throw new GoneException("Slot " + id.asString() + " was deleted in version " + version);
		}
		return row.slot();
	}

	@Transactional(readOnly = true)
	public HistoryPage<SlotVersion> slotHistory(SlotId id, HistoryQuery query) {
		access.require(AvailabilityService.SLOT, Interaction.READ, id.asString(), null);
		if (versions.countSlots(id, null) == 0) {
			throw new SlotNotFoundException(id);
		}
		List<SlotVersion> page = slotVersions(versions.slots(id, query.since(), query.limit(), query.offset()));
		return new HistoryPage<>(page, total(page.size(), query, () -> versions.countSlots(id, query.since())));
	}

	@Transactional(readOnly = true)
	public HistoryPage<SlotVersion> slotHistory(HistoryQuery query) {
		access.require(AvailabilityService.SLOT, Interaction.SEARCH, null, null);
		List<SlotVersion> page = slotVersions(versions.slots(null, query.since(), query.limit(), query.offset()));
		return new HistoryPage<>(page, total(page.size(), query, () -> versions.countSlots(null, query.since())));
	}

	private static List<SlotVersion> slotVersions(List<SchedulingVersionRepository.SlotRow> rows) {
		return rows.stream().map(row -> new SlotVersion(row.slot(), row.deleted())).toList();
	}

	/** The total without a count when the page shows the end of the history. */
	private static int total(int shown, HistoryQuery query, java.util.function.IntSupplier count) {
		return shown < query.limit() && (query.offset() == 0 || shown > 0) ? query.offset() + shown : count.getAsInt();
	}

}
