package continuum.lab;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import continuum.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Requisitions, their items and their specimens. */
@Repository
class OrderRepository {

	private final JdbcClient jdbc;

	private final LabCatalogue catalogue;

	OrderRepository(JdbcClient jdbc, LabCatalogue catalogue) {
		this.jdbc = jdbc;
		this.catalogue = catalogue;
	}

	LabOrderId insertOrder(PatientId patient, Priority priority, String orderedBy, @Nullable String note, Instant now) {
		return new LabOrderId(jdbc.sql("""
				insert into lab_order (placer_number, patient_id, priority, status, ordered_by, clinical_note,
				                       ordered_at, updated_at)
				values ('LO' || nextval('lab_placer_number_seq'), :patient, :priority, 'ACTIVE', :by, :note, :now, :now)
				returning id""")
			.param("patient", patient.value())
			.param("priority", priority.name())
			.param("by", orderedBy)
			.param("note", note)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single());
	}

	/**
	 * Stores a new order whole: the order, one item per orderable (numbered in the given
	 * order), and one specimen per container the items' tests need, carrying the items
	 * that need it.
	 */
	LabOrderId insertWhole(PatientId patient, Priority priority, String orderedBy, @Nullable String note,
			List<Orderable> orderables, Instant now) {
		LabOrderId id = insertOrder(patient, priority, orderedBy, note, now);
		Map<String, List<LabItemId>> byContainer = new LinkedHashMap<>();
		Map<String, String> typeOfContainer = new LinkedHashMap<>();
		int position = 1;
		for (Orderable orderable : orderables) {
			LabItemId item = insertItem(id, orderable.code(), position++, patient, now);
			for (LabTest test : orderable.tests()) {
				List<LabItemId> items = byContainer.computeIfAbsent(test.container(), c -> new ArrayList<>());
				if (!items.contains(item)) {
					items.add(item);
				}
				typeOfContainer.putIfAbsent(test.container(), test.specimenType());
			}
		}
		byContainer.forEach((container, items) -> insertSpecimen(id, patient, typeOfContainer.get(container), container,
				null, items, now));
		return id;
	}

	LabItemId insertItem(LabOrderId order, String orderable, int position, PatientId patient, Instant now) {
		return new LabItemId(jdbc.sql("""
				insert into lab_order_item (order_id, orderable_code, placer_number, status, patient_id, updated_at)
				select o.id, :orderable, o.placer_number || '-' || :position, 'ACTIVE', :patient, :now
				from lab_order o where o.id = :order
				returning id""")
			.param("order", order.value())
			.param("orderable", orderable)
			.param("position", position)
			.param("patient", patient.value())
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single());
	}

	String insertSpecimen(LabOrderId order, PatientId patient, String type, String container,
			@Nullable String recollectionOf, List<LabItemId> items, Instant now) {
		String accession = jdbc.sql("""
				insert into lab_specimen (accession, order_id, patient_id, specimen_type, container, status,
				                          recollection_of, updated_at)
				values (nextval('lab_accession_seq')::text, :order, :patient, :type, :container, 'ORDERED',
				        :recollectionOf, :now)
				returning accession""")
			.param("order", order.value())
			.param("patient", patient.value())
			.param("type", type)
			.param("container", container)
			.param("recollectionOf", recollectionOf)
			.param("now", Timestamp.from(now))
			.query(String.class)
			.single();
		for (LabItemId item : items) {
			jdbc.sql("insert into lab_specimen_item (accession, item_id) values (:accession, :item)")
				.param("accession", accession)
				.param("item", item.value())
				.update();
		}
		return accession;
	}

	/** The order row, locked for a change when asked. */
	Optional<LabOrder> find(LabOrderId id, boolean lock) {
		Optional<LabOrder> order = jdbc.sql("select * from lab_order where id = :id" + (lock ? " for update" : ""))
			.param("id", id.value())
			.query((rs, n) -> order(rs))
			.optional();
		return order.map(this::withItemsAndSpecimens);
	}

	Optional<LabOrderId> idOfItem(LabItemId item) {
		return jdbc.sql("select order_id from lab_order_item where id = :id")
			.param("id", item.value())
			.query(Long.class)
			.optional()
			.map(LabOrderId::new);
	}

	Optional<LabItemId> itemOfPlacerNumber(String placerNumber) {
		return jdbc.sql("select id from lab_order_item where placer_number = :number")
			.param("number", placerNumber)
			.query(Long.class)
			.optional()
			.map(LabItemId::new);
	}

	Optional<LabOrderId> orderOfAccession(String accession) {
		return jdbc.sql("select order_id from lab_specimen where accession = :accession")
			.param("accession", accession)
			.query(Long.class)
			.optional()
			.map(LabOrderId::new);
	}

	/** The patient's orders, newest first. */
	List<LabOrder> forPatient(PatientId patient, int limit) {
		return jdbc
			.sql("select * from lab_order where patient_id = :patient order by ordered_at desc, id desc limit :limit")
			.param("patient", patient.value())
			.param("limit", limit)
			.query((rs, n) -> order(rs))
			.list()
			.stream()
			.map(this::withItemsAndSpecimens)
			.toList();
	}

	/**
	 * Orders with a specimen in one of these states, oldest first (collection and
	 * reception lists).
	 */
	List<LabOrder> withSpecimensIn(List<SpecimenStatus> states, int limit) {
		return jdbc.sql("""
				select o.* from lab_order o
				where o.status = 'ACTIVE' and exists (select 1 from lab_specimen s
				                                      where s.order_id = o.id and s.status in (:states))
				order by case o.priority when 'STAT' then 0 when 'URGENT' then 1 else 2 end, o.ordered_at, o.id
				limit :limit""")
			.param("states", states.stream().map(Enum::name).toList())
			.param("limit", limit)
			.query((rs, n) -> order(rs))
			.list()
			.stream()
			.map(this::withItemsAndSpecimens)
			.toList();
	}

	void setOrderStatus(LabOrderId id, OrderStatus status, @Nullable String cancelledBy, @Nullable String reason,
			Instant now) {
		jdbc.sql("""
				update lab_order set status = :status, cancelled_by = coalesce(:by, cancelled_by),
				       cancel_reason = coalesce(:reason, cancel_reason), updated_at = :now, version = version + 1
				where id = :id""")
			.param("status", status.name())
			.param("by", cancelledBy)
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	boolean hasReleasedResult(LabItemId item) {
		return jdbc.sql("select exists (select 1 from lab_result where item_id = :item and stage = 'RELEASED')")
			.param("item", item.value())
			.query(Boolean.class)
			.single();
	}

	void touchOrder(LabOrderId id, Instant now) {
		jdbc.sql("update lab_order set updated_at = :now, version = version + 1 where id = :id")
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update();
	}

	void setItemStatus(LabItemId item, OrderStatus status, Instant now) {
		jdbc.sql("update lab_order_item set status = :status, updated_at = :now where id = :id")
			.param("status", status.name())
			.param("now", Timestamp.from(now))
			.param("id", item.value())
			.update();
	}

	/**
	 * Gives the specimen's items that have none a filler number (ORC-3), at first
	 * receipt.
	 */
	void assignFillerNumbers(String accession, Instant now) {
		jdbc.sql("""
				update lab_order_item i set filler_number = 'LAB' || i.id, updated_at = :now
				from lab_specimen_item si
				where si.accession = :accession and si.item_id = i.id and i.filler_number is null""")
			.param("accession", accession)
			.param("now", Timestamp.from(now))
			.update();
	}

	Optional<Specimen> specimen(String accession, boolean lock) {
		return jdbc.sql("select * from lab_specimen where accession = :accession" + (lock ? " for update" : ""))
			.param("accession", accession)
			.query((rs, n) -> specimen(rs, List.of()))
			.optional()
			.map(s -> specimensOf(s.order()).stream()
				.filter(x -> x.accession().equals(accession))
				.findFirst()
				.orElse(s));
	}

	void collect(String accession, String by, Instant at, Instant now) {
		jdbc.sql("""
				update lab_specimen set status = 'COLLECTED', collected_by = :by, collected_at = :at, updated_at = :now
				where accession = :accession""")
			.param("by", by)
			.param("at", Timestamp.from(at))
			.param("now", Timestamp.from(now))
			.param("accession", accession)
			.update();
	}

	void receive(String accession, String by, SpecimenCondition condition, @Nullable String reason, Instant now) {
		jdbc.sql("""
				update lab_specimen set status = :status, received_by = :by, received_at = :now,
				       condition = :condition, rejection_reason = :reason, updated_at = :now
				where accession = :accession""")
			.param("status", condition == SpecimenCondition.ACCEPTABLE ? "RECEIVED" : "REJECTED")
			.param("by", by)
			.param("condition", condition.name())
			.param("reason", reason)
			.param("now", Timestamp.from(now))
			.param("accession", accession)
			.update();
	}

	/** A kept version of an order, as one of its items' ServiceRequest versions. */
	record ItemVersion(LabItemId item, LabOrderId order, int version, PatientId patient, Instant at) {
	}

	private static final String ITEM_VERSIONS = """
			from lab_order_version v cross join lateral jsonb_array_elements(v.snapshot -> 'items') e
			where (cast(:item as bigint) is null or (v.order_id = :order and (e ->> 'id')::bigint = :item))
			  and v.patient_id <> all(:hidden)
			  and (e ->> 'updated_at')::timestamptz >= coalesce(:since, '-infinity'::timestamptz)
			""";

	/**
	 * The kept versions of one item (its order's versions) or of every item, whose item
	 * was last updated (the ServiceRequest's lastUpdated) at or after {@code since},
	 * newest first (that time, then item and version), leaving out the patients in
	 * {@code hidden}.
	 */
	List<ItemVersion> itemVersions(@Nullable LabItemId item, @Nullable Instant since, Set<Long> hidden, int limit,
			int offset) {
		return jdbc
			.sql("select (e ->> 'id')::bigint as item_id, v.order_id, v.version, v.patient_id, "
					+ "(e ->> 'updated_at')::timestamptz as item_at " + ITEM_VERSIONS + """
							order by item_at desc, item_id desc, v.version desc limit :limit offset :offset""")
			.params(itemVersionCriteria(item, since, hidden))
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, n) -> new ItemVersion(new LabItemId(rs.getLong("item_id")),
					new LabOrderId(rs.getLong("order_id")), rs.getInt("version"),
					new PatientId(rs.getLong("patient_id")), rs.getTimestamp("item_at").toInstant()))
			.list();
	}

	int countItemVersions(@Nullable LabItemId item, @Nullable Instant since, Set<Long> hidden) {
		return jdbc.sql("select count(*) " + ITEM_VERSIONS)
			.params(itemVersionCriteria(item, since, hidden))
			.query(Integer.class)
			.single();
	}

	private Map<String, Object> itemVersionCriteria(@Nullable LabItemId item, @Nullable Instant since,
			Set<Long> hidden) {
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("item", new SqlParameterValue(java.sql.Types.BIGINT, item == null ? null : item.value()));
		params.put("order", item == null ? 0L : idOfItem(item).map(LabOrderId::value).orElse(0L));
		params.put("hidden", hidden.toArray(Long[]::new));
		params.put("since", new SqlParameterValue(java.sql.Types.TIMESTAMP_WITH_TIMEZONE,
				since == null ? null : since.atOffset(java.time.ZoneOffset.UTC)));
		return params;
	}

	/** An order as it stood at one of its kept versions, with its items and specimens. */
	Optional<LabOrder> version(LabOrderId id, int version) {
		Optional<LabOrder> order = jdbc.sql("""
				select (jsonb_populate_record(null::lab_order, v.snapshot -> 'order')).*
				from lab_order_version v where v.order_id = :id and v.version = :version""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> order(rs))
			.optional();
		if (order.isEmpty()) {
			return order;
		}
		List<LabOrder.Item> items = jdbc.sql("""
				select (jsonb_populate_record(null::lab_order_item, e)).*
				from lab_order_version v cross join lateral jsonb_array_elements(v.snapshot -> 'items') e
				where v.order_id = :id and v.version = :version""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> item(rs, id))
			.list();
		List<Specimen> specimens = jdbc.sql("""
				select (jsonb_populate_record(null::lab_specimen, e)).*,
				       array(select jsonb_array_elements_text(e -> 'items')::bigint) as carried
				from lab_order_version v cross join lateral jsonb_array_elements(v.snapshot -> 'specimens') e
				where v.order_id = :id and v.version = :version""")
			.param("id", id.value())
			.param("version", version)
			.query((rs, n) -> specimen(rs,
					java.util.Arrays.stream((Long[]) rs.getArray("carried").getArray()).map(LabItemId::new).toList()))
			.list();
		LabOrder row = order.get();
		return Optional.of(new LabOrder(row.id(), row.placerNumber(), row.patient(), row.priority(), row.status(),
				row.orderedBy(), row.clinicalNote(), row.orderedAt(), row.cancelReason(), items, specimens,
				row.version(), row.updatedAt()));
	}

	private LabOrder.Item item(ResultSet rs, LabOrderId order) throws SQLException {
		return new LabOrder.Item(new LabItemId(rs.getLong("id")), order,
				catalogue.orderable(rs.getString("orderable_code")).orElseThrow(), rs.getString("placer_number"),
				rs.getString("filler_number"), OrderStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("updated_at").toInstant());
	}

	private LabOrder withItemsAndSpecimens(LabOrder order) {
		List<LabOrder.Item> items = jdbc.sql("select * from lab_order_item where order_id = :id order by id")
			.param("id", order.id().value())
			.query((rs, n) -> new LabOrder.Item(new LabItemId(rs.getLong("id")), order.id(),
					catalogue.orderable(rs.getString("orderable_code")).orElseThrow(), rs.getString("placer_number"),
					rs.getString("filler_number"), OrderStatus.valueOf(rs.getString("status")),
					rs.getTimestamp("updated_at").toInstant()))
			.list();
		return new LabOrder(order.id(), order.placerNumber(), order.patient(), order.priority(), order.status(),
				order.orderedBy(), order.clinicalNote(), order.orderedAt(), order.cancelReason(), items,
				specimensOf(order.id()), order.version(), order.updatedAt());
	}

	private List<Specimen> specimensOf(LabOrderId order) {
		Map<String, List<LabItemId>> items = new LinkedHashMap<>();
		jdbc.sql(
				"""
						select si.accession, si.item_id from lab_specimen_item si join lab_specimen s on s.accession = si.accession
						where s.order_id = :order order by si.item_id""")
			.param("order", order.value())
			.query((rs, n) -> Map.entry(rs.getString(1), new LabItemId(rs.getLong(2))))
			.list()
			.forEach(e -> items.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		return jdbc.sql("select * from lab_specimen where order_id = :order order by accession")
			.param("order", order.value())
			.query((rs, n) -> specimen(rs, items.getOrDefault(rs.getString("accession"), List.of())))
			.list();
	}

	private static LabOrder order(ResultSet rs) throws SQLException {
		return new LabOrder(new LabOrderId(rs.getLong("id")), rs.getString("placer_number"),
				new PatientId(rs.getLong("patient_id")), Priority.valueOf(rs.getString("priority")),
				OrderStatus.valueOf(rs.getString("status")), rs.getString("ordered_by"), rs.getString("clinical_note"),
				rs.getTimestamp("ordered_at").toInstant(), rs.getString("cancel_reason"), List.of(), List.of(),
				rs.getInt("version"), rs.getTimestamp("updated_at").toInstant());
	}

	private static Specimen specimen(ResultSet rs, List<LabItemId> items) throws SQLException {
		String condition = rs.getString("condition");
		return new Specimen(rs.getString("accession"), new LabOrderId(rs.getLong("order_id")),
				new PatientId(rs.getLong("patient_id")), rs.getString("specimen_type"), rs.getString("container"),
				SpecimenStatus.valueOf(rs.getString("status")), List.copyOf(items), rs.getString("collected_by"),
				instant(rs.getTimestamp("collected_at")), rs.getString("received_by"),
				instant(rs.getTimestamp("received_at")),
				condition == null ? null : SpecimenCondition.valueOf(condition), rs.getString("rejection_reason"),
				rs.getString("recollection_of"), rs.getTimestamp("updated_at").toInstant());
	}

	static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
