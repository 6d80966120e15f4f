package continuum.privacy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import continuum.audit.ShippedAuditEntry;
import continuum.security.Role;
import continuum.security.StaffService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts the break-the-glass accesses made on downtime nodes on the privacy officer's
 * review queue as their audit entries arrive (docs/downtime-protocol.md, "Node audit
 * shipping"): each {@code BreakTheGlass} entry that succeeded becomes one queue row,
 * named by its node and position, so that an entry sent again adds nothing. The row keeps
 * the reason and the end the node gave, and the reader's words sent beside the entry
 * (outside the log); it opens nothing on the server. The entry itself is the audit of the
 * access, already in the central log; the review is audited as any other.
 */
@Service
public class NodeBreakGlassService {

	private static final Logger log = LoggerFactory.getLogger(NodeBreakGlassService.class);

	private static final Pattern REASON = Pattern.compile("reason ([A-Z_]+)");

	private static final Pattern UNTIL = Pattern.compile("until (\\S+)");

	private static final Pattern PATIENT_ID = Pattern.compile("[1-9][0-9]{0,17}");

	/** What the queue shows when the node sent no words with the entry. */
	static final String NO_WORDS = "(no words received from the downtime node)";

	private final PrivacyRepository repository;

	private final StaffService staff;

	private final PrivacySettings settings;

	NodeBreakGlassService(PrivacyRepository repository, StaffService staff, PrivacySettings settings) {
		this.repository = repository;
		this.staff = staff;
		this.settings = settings;
	}

	/**
	 * Queues the break-the-glass entries among {@code entries}, entries of node
	 * {@code nodeId} just received into the central log; answers how many were new to the
	 * queue.
	 */
	@Transactional
	public int received(String nodeId, List<ShippedAuditEntry> entries) {
		int queued = 0;
		for (ShippedAuditEntry entry : entries) {
			if (!BreakGlassService.TYPE.equals(entry.resourceType()) || !"SUCCESS".equals(entry.outcome())
					|| entry.patientId() == null || !PATIENT_ID.matcher(entry.patientId()).matches()) {
				continue;
			}
			Instant start = Instant.parse(entry.at());
			String detail = entry.detail() == null ? "" : entry.detail();
			Instant end = until(detail, start);
			String role = staff.roleOf(entry.username()).map(Role::name).orElse("UNKNOWN");
			if (repository
				.insertNodeBreakGlass(nodeId, entry.seq(), Long.parseLong(entry.patientId()), entry.username(), role,
						reason(detail), words(entry.explanation()), start, end)
				.isPresent()) {
				queued++;
			}
		}
		if (queued > 0) {
			log.info("{} break-the-glass access(es) made on downtime node {} queued for review", queued, nodeId);
		}
		return queued;
	}

	private static BreakGlassReason reason(String detail) {
		Matcher reason = REASON.matcher(detail);
		if (reason.find()) {
			for (BreakGlassReason candidate : BreakGlassReason.values()) {
				if (candidate.name().equals(reason.group(1))) {
					return candidate;
				}
			}
		}
		return BreakGlassReason.OTHER;
	}

	/** The end the node gave, else the server's own duration from the start. */
	private Instant until(String detail, Instant start) {
		Matcher until = UNTIL.matcher(detail);
		if (until.find()) {
			try {
				Instant end = Instant.parse(until.group(1).replaceAll("[.,;]+$", ""));
				if (end.isAfter(start)) {
					return end;
				}
			}
			catch (DateTimeParseException notAnInstant) {
				// the server's own duration below
			}
		}
		return start.plus(settings.duration());
	}

	private static String words(@org.jspecify.annotations.Nullable String explanation) {
		String words = explanation == null ? "" : explanation.strip();
		if (words.isEmpty()) {
			return NO_WORDS;
		}
		return words.length() > 500 ? words.substring(0, 500) : words;
	}

}
