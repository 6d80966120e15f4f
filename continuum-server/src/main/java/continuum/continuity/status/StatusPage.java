package continuum.continuity.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import continuum.continuity.Incident;
import continuum.continuity.IncidentKind;
import continuum.continuity.IncidentService;
import continuum.continuity.probes.Component;
import continuum.continuity.probes.ComponentCatalogue;
import continuum.platform.JobLeases;
import org.springframework.stereotype.Service;

/**
 * Builds the {@link StatusReport} from the catalogue, the incidents and the job leases.
 * The days are those of the hospital's zone (Europe/Brussels), so a day of 23 or 25 hours
 * (DST) is counted as it is.
 */
@Service
public class StatusPage {

	public static final ZoneId ZONE = ZoneId.of("Europe/Brussels");

	private final ComponentCatalogue catalogue;

	private final IncidentService incidents;

	private final Clock clock;

	private final JobLeases leases;

	StatusPage(ComponentCatalogue catalogue, IncidentService incidents, Clock clock, JobLeases leases) {
		this.catalogue = catalogue;
		this.incidents = incidents;
		this.clock = clock;
		this.leases = leases;
	}

	public StatusReport report() {
		Instant now = clock.instant();
		List<Component> components = catalogue.all();
		List<StatusReport.ComponentStatus> statuses = components.stream()
			.map(c -> new StatusReport.ComponentStatus(c.code(), c.name(), c.state(), c.stateSince(), c.configured(),
					c.lastProbeAt(), c.lastError()))
			.toList();
		List<StatusReport.CurrentIncident> current = incidents.current()
			.stream()
			.map(i -> new StatusReport.CurrentIncident(i, incidents.timeline(i.id()), i.duration(now)))
			.toList();
		LocalDate today = LocalDate.ofInstant(now, ZONE);
		LocalDate first = today.minusDays(StatusReport.DAYS - 1);
		Instant from = first.atStartOfDay(ZONE).toInstant();
		List<Incident> outages = incidents.overlapping(from, now.plusNanos(1))
			.stream()
			.filter(i -> i.kind() == IncidentKind.OUTAGE)
			.toList();
		List<StatusReport.History> history = new ArrayList<>();
		for (Component component : components) {
			List<Incident> hit = outages.stream().filter(i -> i.components().contains(component.code())).toList();
			List<StatusReport.Outage> list = hit.stream()
				.map(i -> new StatusReport.Outage(i.id(), i.title(), i.start(), i.end(), i.duration(now),
						i.status().code()))
				.toList();
			List<StatusReport.Day> days = new ArrayList<>();
			Duration downtime = Duration.ZERO;
			for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
				Instant dayStart = day.atStartOfDay(ZONE).toInstant();
				Instant dayEnd = day.plusDays(1).atStartOfDay(ZONE).toInstant();
				Duration down = down(hit, dayStart, dayEnd.isAfter(now) ? now : dayEnd, now);
				days.add(new StatusReport.Day(day, down));
				downtime = downtime.plus(down);
			}
			history.add(new StatusReport.History(component.code(), component.name(), list, days, downtime));
		}
		return new StatusReport(now, statuses, current, history, leases.leases());
	}

	/**
	 * How long the outages cover of {@code [from, to)}; overlapping outages count once.
	 */
	static Duration down(List<Incident> outages, Instant from, Instant to, Instant now) {
		List<Instant[]> spans = new ArrayList<>();
		for (Incident outage : outages) {
			Instant start = outage.start().isAfter(from) ? outage.start() : from;
			Instant end = outage.end() == null ? now : outage.end();
			end = end.isBefore(to) ? end : to;
			if (start.isBefore(end)) {
				spans.add(new Instant[] { start, end });
			}
		}
		spans.sort((a, b) -> a[0].compareTo(b[0]));
		Duration total = Duration.ZERO;
		Instant covered = from;
		for (Instant[] span : spans) {
			Instant start = span[0].isAfter(covered) ? span[0] : covered;
			if (span[1].isAfter(start)) {
				total = total.plus(Duration.between(start, span[1]));
				covered = span[1];
			}
		}
		return total;
	}

}
