package continuum.downtime.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import continuum.downtime.store.NodeIdentity;
import continuum.downtime.sync.ServerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Ships the audit entries the server has not confirmed yet, in order, up to 1000 at a
 * time, to {@code POST /api/downtime/audit}; marks them shipped up to the
 * {@code highestSeq} the server confirms. The server keys entries by (node, seq), so an
 * entry sent again after a lost answer lands once.
 */
@Component
class AuditShipper {

	private static final Logger log = LoggerFactory.getLogger(AuditShipper.class);

	static final int BATCH = 1000;

	private final JdbcClient db;

	private final ServerClient server;

	private final NodeIdentity node;

	private @org.jspecify.annotations.Nullable String lastFailure;

	AuditShipper(JdbcClient db, ServerClient server, NodeIdentity node) {
		this.db = db;
		this.server = server;
		this.node = node;
	}

	@Scheduled(fixedDelayString = "${continuum.downtime.registration.audit:10s}", initialDelay = 3000)
	void ship() {
		try {
			List<Map<String, Object>> entries;
			do {
				entries = unshipped();
				if (entries.isEmpty()) {
					return;
				}
				JsonNode answer = server.post("/api/downtime/audit", Map.of("nodeId", node.id(), "entries", entries));
				long highest = answer.path("highestSeq").asLong(0);
				db.sql("update audit_entry set shipped = true where seq <= ? and not shipped").param(highest).update();
				if (highest < (Long) entries.get(entries.size() - 1).get("seq")) {
					return;
				}
			}
			while (entries.size() == BATCH);
		}
		catch (RuntimeException notNow) {
			String message = String.valueOf(notNow.getMessage());
			if (!message.equals(lastFailure)) {
				log.warn("Audit entries not shipped this time: {}", message);
			}
			lastFailure = message;
			return;
		}
		lastFailure = null;
	}

	private List<Map<String, Object>> unshipped() {
		return db.sql("""
				select seq, at, username, action, resource_type, resource_id, patient_id, outcome, detail, explanation,
				  previous_hash, hash from audit_entry where not shipped order by seq limit ?""")
			.param(BATCH)
			.query((rs, n) -> {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("seq", rs.getLong("seq"));
				entry.put("at", rs.getString("at"));
				entry.put("username", rs.getString("username"));
				entry.put("action", rs.getString("action"));
				entry.put("resourceType", rs.getString("resource_type"));
				entry.put("resourceId", rs.getString("resource_id"));
				entry.put("patientId", rs.getString("patient_id"));
				entry.put("outcome", rs.getString("outcome"));
				entry.put("detail", rs.getString("detail"));
				entry.put("previousHash", rs.getString("previous_hash"));
				entry.put("hash", rs.getString("hash"));
				if (rs.getString("explanation") != null) {
					entry.put("explanation", rs.getString("explanation"));
				}
				return entry;
			})
			.list();
	}

}
