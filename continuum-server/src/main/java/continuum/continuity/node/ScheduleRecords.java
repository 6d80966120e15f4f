package continuum.continuity.node;

import java.util.List;

import continuum.scheduling.Schedule;
import continuum.scheduling.SchedulingExportService;
import org.springframework.stereotype.Component;

/** Schedules: the bookable resources appointments and slots name. */
@Component
class ScheduleRecords extends IdRecords<Schedule> {

	private final SchedulingExportService scheduling;

	ScheduleRecords(SchedulingExportService scheduling) {
		this.scheduling = scheduling;
	}

	@Override
	public String type() {
		return "Schedule";
	}

	@Override
	List<Schedule> after(long afterId, int limit) {
		return scheduling.schedulesAfter(afterId, limit);
	}

	@Override
	List<Schedule> withIds(List<Long> ids) {
		return scheduling.schedules(ids);
	}

	@Override
	long id(Schedule row) {
		return row.id().value();
	}

	@Override
	DowntimeRecord record(Schedule s) {
		return DowntimeRecord.of(type(), s.id().asString(), null,
				RecordData.of("name", s.name(), "active", s.active()));
	}

}
