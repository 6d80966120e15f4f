package continuum.subscriptions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import continuum.changes.Change;
import continuum.security.ActingRights;
import continuum.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code subscription}, {@code subscription_notification} and
 * {@code subscription_cursor} tables.
 */
@Repository
class SubscriptionRepository {

	private static final String SELECT = """
			select s.*, (select count(*) from subscription_notification n where n.subscription_id = s.id) as pending
			from subscription s""";

	/** A notification waiting to be sent. */
	record Pending(long id, long subscriptionId, long seq, String resourceType, String resourceId,
			@Nullable String patientId, int attempts, Instant nextAttempt) {
	}

	private final JdbcClient jdbc;

	SubscriptionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Subscription s, Instant now) {
		return bind(jdbc.sql("""
				insert into subscription (status, criteria, resource_type, endpoint, payload, headers, end_at, reason,
				  owner, owner_role, owner_scopes, owner_token, from_seq, created_at, last_updated)
				values (:status, :criteria, :type, :endpoint, :payload, :headers, :end, :reason,
				  :owner, :role, :scopes, :token, :from, :now, :now) returning id"""), s).param("from", s.fromSeq())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/**
	 * Replaces what the client asks for; a subscription set active again starts its
	 * failure count afresh. Answers whether the row was at {@code version}.
	 */
	boolean update(Subscription s, int version, Instant now) {
		return bind(jdbc.sql("""
				update subscription set version = version + 1, status = :status, criteria = :criteria,
				  resource_type = :type, endpoint = :endpoint, payload = :payload, headers = :headers, end_at = :end,
				  reason = :reason, owner_role = :role, owner_scopes = :scopes, owner_token = :token,
				  error = case when :status = 'error' then error end,
				  failures = case when :status = 'active' and status <> 'active' then 0 else failures end,
				  failing_since = case when :status = 'active' and status <> 'active' then null else failing_since end,
				  last_updated = :now
				where id = :id and owner = :owner and version = :version"""), s).param("id", s.id())
			.param("version", version)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Subscription s) {
		return statement.param("status", s.status().code())
			.param("criteria", s.criteria())
			.param("type", Criteria.parse(s.criteria()).resourceType())
			.param("endpoint", s.endpoint())
			.param("payload", s.payload())
			.param("headers", String.join("\n", s.headers()))
			.param("end", s.end() == null ? null : Timestamp.from(s.end()))
			.param("reason", s.reason())
			.param("owner", s.owner().username())
			.param("role", s.owner().role().name())
			.param("scopes", String.join(" ", s.owner().scopes()))
			.param("token", s.owner().token());
	}

	Optional<Subscription> find(long id) {
		return jdbc.sql(SELECT + " where s.id = :id").param("id", id).query(this::map).optional();
	}

	List<Subscription> ofOwner(String owner, @Nullable String status, int limit, int offset) {
		return jdbc.sql(SELECT + """
				 where s.owner = :owner and (cast(:status as varchar) is null or s.status = :status)
				order by s.id limit :limit offset :offset""")
			.param("owner", owner)
			.param("status", status)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	long countOfOwner(String owner, @Nullable String status) {
		return jdbc.sql("""
				select count(*) from subscription
				where owner = :owner and (cast(:status as varchar) is null or status = :status)""")
			.param("owner", owner)
			.param("status", status)
			.query(Long.class)
			.single();
	}

	boolean delete(long id, String owner) {
		return jdbc.sql("delete from subscription where id = :id and owner = :owner")
			.param("id", id)
			.param("owner", owner)
			.update() == 1;
	}

	/** The active subscriptions whose criteria name one of these types. */
	List<Subscription> active() {
		return jdbc.sql(SELECT + " where s.status = 'active'").query(this::map).list();
	}

	/** Turns off the active subscriptions whose end has come. */
	int endDue(Instant now) {
		return jdbc.sql("""
				update subscription set status = 'off', version = version + 1, last_updated = :now
				where status = 'active' and end_at <= :now""").param("now", Timestamp.from(now)).update();
	}

	long cursor() {
		return jdbc.sql("select position from subscription_cursor where id = 1").query(Long.class).single();
	}

	/** The matcher's position in the change feed, locked for the transaction. */
	long lockCursor() {
		return jdbc.sql("select position from subscription_cursor where id = 1 for update").query(Long.class).single();
	}

	void moveCursor(long position) {
		jdbc.sql("update subscription_cursor set position = :position where id = 1")
			.param("position", position)
			.update();
	}

	void queue(long subscription, Change change, Instant now) {
		jdbc.sql(
				"""
						insert into subscription_notification (subscription_id, seq, resource_type, resource_id, patient_id,
						  next_attempt_at)
						values (:subscription, :seq, :type, :id, :patient, :now) on conflict (subscription_id, seq) do nothing""")
			.param("subscription", subscription)
			.param("seq", change.seq())
			.param("type", change.resourceType())
			.param("id", change.resourceId())
			.param("patient", change.patientId())
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * The oldest waiting notification of each active subscription: a subscription's
	 * notifications go out one at a time, in change-feed order.
	 */
	List<Pending> heads() {
		return jdbc.sql("""
				select distinct on (n.subscription_id) n.* from subscription_notification n
				join subscription s on s.id = n.subscription_id and s.status = 'active'
				order by n.subscription_id, n.seq""")
			.query((rs, n) -> new Pending(rs.getLong("id"), rs.getLong("subscription_id"), rs.getLong("seq"),
					rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("patient_id"),
					rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant()))
			.list();
	}

	/** A notification sent, or withheld: off the queue, counted. */
	void done(Pending pending, boolean delivered, Instant now) {
		jdbc.sql("delete from subscription_notification where id = :id").param("id", pending.id()).update();
		jdbc.sql(delivered ? """
				update subscription set delivered = delivered + 1, last_attempt_at = :now, last_success_at = :now,
				  failures = 0, failing_since = null where id = :id""" : """
				update subscription set withheld = withheld + 1 where id = :id""")
			.param("id", pending.subscriptionId())
			.param("now", Timestamp.from(now))
			.update();
	}

	/**
	 * A failed attempt: the notification waits until {@code retryAt}; the subscription
	 * counts the failure, and is set to {@code error} with the reason when
	 * {@code giveUp}.
	 */
	void failed(Pending pending, String reason, Instant retryAt, boolean giveUp, Instant now) {
		jdbc.sql("""
				update subscription_notification set attempts = attempts + 1, next_attempt_at = :retry
				where id = :id""").param("id", pending.id()).param("retry", Timestamp.from(retryAt)).update();
		jdbc.sql("""
				update subscription set last_attempt_at = :now, failures = failures + 1,
				  failing_since = coalesce(failing_since, :now), last_error = :reason,
				  status = case when :giveUp then 'error' else status end,
				  error = case when :giveUp then :reason else error end,
				  version = case when :giveUp then version + 1 else version end,
				  last_updated = case when :giveUp then :now else last_updated end
				where id = :id""")
			.param("id", pending.subscriptionId())
			.param("now", Timestamp.from(now))
			.param("reason", reason)
			.param("giveUp", giveUp)
			.update();
	}

	private Subscription map(ResultSet rs, int row) throws SQLException {
		String headers = rs.getString("headers");
		String scopes = rs.getString("owner_scopes");
		return new Subscription(rs.getLong("id"), rs.getInt("version"),
				SubscriptionStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getString("criteria"),
				rs.getString("endpoint"), rs.getString("payload"),
				headers.isEmpty() ? List.of() : Arrays.asList(headers.split("\n")), instant(rs, "end_at"),
				rs.getString("reason"), rs.getString("error"),
				new ActingRights(rs.getString("owner"), Role.valueOf(rs.getString("owner_role")),
						scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(" ")), rs.getBoolean("owner_token")),
				rs.getLong("from_seq"), rs.getTimestamp("last_updated").toInstant(),
				new Subscription.Delivery(instant(rs, "last_attempt_at"), instant(rs, "last_success_at"),
						rs.getInt("failures"), instant(rs, "failing_since"), rs.getString("last_error"),
						rs.getLong("delivered"), rs.getLong("withheld"), rs.getLong("pending")));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
