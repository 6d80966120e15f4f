package continuum.continuity.node;

import java.util.List;

import continuum.scheduling.SchedulingExportService;
import continuum.scheduling.Slot;
import org.springframework.stereotype.Component;

/**
 * Slots, with their FHIR status ({@code free}, {@code busy}, {@code busy-unavailable}).
 */
@Component
class SlotRecords extends IdRecords<Slot> {

	private final SchedulingExportService scheduling;

	SlotRecords(SchedulingExportService scheduling) {
		this.scheduling = scheduling;
	}

	@Override
	public String type() {
		return "Slot";
	}

	@Override
	List<Slot> after(long afterId, int limit) {
		return scheduling.slotsAfter(afterId, limit);
	}

	@Override
	List<Slot> withIds(List<Long> ids) {
		return scheduling.slots(ids);
	}

	@Override
	long id(Slot row) {
		return row.id().value();
	}

	@Override
	DowntimeRecord record(Slot s) {
		return DowntimeRecord.of(type(), s.id().asString(), null, RecordData.of("scheduleId", s.schedule().asString(),
				"start", s.start(), "end", s.end(), "status", s.status().code()));
	}

}
