package continuum.platform.database;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations that give orders, places, schedules and slots their version tables, run
 * as an upgrade runs them: on a database that every earlier migration has built and that
 * already holds rows (applied out of order, as {@code spring.flyway.out-of-order} lets
 * them be). Every existing row gets one kept version, the one it is at; the triggers then
 * keep the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VersionTablesMigrationTests {

	/** The migrations under test; the rest is the database being upgraded. */
	private static final Set<String> NEW = Set.of("V154", "V204", "V403", "V471");

	private static final Path DATA_DIR = Path.of("target", "test-data", "version-tables-" + UUID.randomUUID());

	private EmbeddedPostgres database;

	private SingleConnectionDataSource owner;

	private JdbcClient jdbc;

	@BeforeAll
	void upgradeADatabaseThatHoldsRows(@TempDir Path before) throws Exception {
		database = new EmbeddedPostgres(DATA_DIR, Path.of(System.getProperty("java.io.tmpdir"), "continuum-test-pgsql"),
				Duration.ofSeconds(120), false);
		database.start(false);
		owner = new SingleConnectionDataSource(database.jdbcUrl(), database.ownerUsername(), database.ownerPassword(),
				true);
		jdbc = JdbcClient.create(owner);
		copyAllBut(NEW, before);
		migrate("filesystem:" + before.toAbsolutePath());
		holdRows();
		migrate("classpath:db/migration");
	}

	@AfterAll
	void stop() {
		if (owner != null) {
			owner.destroy();
		}
		if (database != null) {
			database.close();
		}
	}

	private void migrate(String location) {
		Flyway.configure()
			.dataSource(database.jdbcUrl(), database.ownerUsername(), database.ownerPassword())
			.locations(location)
			.outOfOrder(true)
			.load()
			.migrate();
	}

	private static void copyAllBut(Set<String> left, Path into) throws IOException, URISyntaxException {
		Path migrations = Path.of(VersionTablesMigrationTests.class.getResource("/db/migration").toURI());
		try (Stream<Path> files = Files.list(migrations)) {
			for (Path file : files.toList()) {
				String name = file.getFileName().toString();
				if (left.stream().noneMatch(version -> name.startsWith(version + "__"))) {
					Files.copy(file, into.resolve(name));
				}
			}
		}
	}

	/**
	 * A ward with a room and a bed at version 3, a schedule and slot, a lab and an
	 * imaging order.
	 */
	private void holdRows() {
		long ward = id(
				"insert into adt_ward (code, name, service) values ('MIG', 'Migratie', 'CARDIOLOGY') returning id");
		long room = id("insert into adt_room (ward_id, code) values (" + ward + ", '1') returning id");
		id("insert into adt_bed (room_id, code, status, version) values (" + room
				+ ", '1A', 'CLOSED', 3) returning id");
		long schedule = id("""
				insert into sched_schedule (name, actor_kind, actor_reference, department, zone, updated_at)
				values ('Migratie', 'DEVICE', 'Device/mig', 'mig', 'Europe/Brussels', now()) returning id""");
		id("""
				insert into sched_slot (schedule_id, appointment_type, starts_at, ends_at, status, version, updated_at)
				values (%d, 'CT', now(), now() + interval '20 minutes', 'BLOCKED', 2, now()) returning id"""
			.formatted(schedule));
		long order = id("""
				insert into lab_order (placer_number, patient_id, priority, status, ordered_by, ordered_at, updated_at,
				                       version)
				values ('MIG1', 1, 'ROUTINE', 'ACTIVE', 'physician', now(), now(), 2) returning id""");
		long item = id("""
				insert into lab_order_item (order_id, orderable_code, placer_number, status, patient_id, updated_at)
				values (%d, '1988-5', 'MIG1-1', 'ACTIVE', 1, now()) returning id""".formatted(order));
		jdbc.sql("""
				insert into lab_specimen (accession, order_id, patient_id, specimen_type, container, status, updated_at)
				values ('MIGACC1', ?, 1, 'SER', 'SST', 'ORDERED', now())""").param(order).update();
		jdbc.sql("insert into lab_specimen_item (accession, item_id) values ('MIGACC1', ?)").param(item).update();
		long imagingOrder = id("""
				insert into imaging_order (placer_number, placer_application, patient_id, priority, status, ordered_by,
				                           ordered_at, updated_at)
				values ('MIG2', 'TEST', 1, 'ROUTINE', 'ACTIVE', 'physician', now(), now()) returning id""");
		long procedure = id("""
				insert into imaging_requested_procedure (order_id, patient_id, procedure_code, accession_number,
				                                         requested_procedure_id, study_instance_uid, status, updated_at)
				values (%d, 1, (select min(code) from imaging_procedure), 'MIGACC2', 'RPMIG', '2.25.42', 'SCHEDULED',
				        now()) returning id""".formatted(imagingOrder));
		jdbc.sql("""
				insert into imaging_procedure_step (requested_procedure_id, patient_id, step_id, modality, start_at,
				                                    duration_minutes, status, updated_at)
				values (?, 1, 'SPSMIG', 'CT', now(), 20, 'SCHEDULED', now())""").param(procedure).update();
	}

	private long id(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	@Test
	void everyPlaceKeepsTheVersionItIsAtAndChangesRaiseIt() {
		assertThat(jdbc.sql("""
				select v.kind || ':' || v.version || ':' || (v.snapshot ->> 'name')
				from adt_location_version v join adt_place p on p.kind = v.kind and p.id = v.location_id
				where p.sort_key like 'MIG%' order by v.kind""").query(String.class).list())
			.containsExactly("BED:3:Bed 1A (MIG)", "ROOM:1:Room 1 (MIG)", "WARD:1:Migratie");

		jdbc.sql("update adt_ward set name = 'Migratie bis' where code = 'MIG'").update();
		jdbc.sql("update adt_ward set name = 'Migratie bis' where code = 'MIG'").update();
		assertThat(jdbc.sql("""
				select v.version || ':' || (v.snapshot ->> 'name') from adt_location_version v
				where v.kind = 'WARD' and v.location_id = (select id from adt_ward where code = 'MIG')
				order by v.version""").query(String.class).list())
			.as("a change raises the version; writing the same values again does not")
			.containsExactly("1:Migratie", "2:Migratie bis");
	}

	@Test
	void schedulesSlotsAndOrdersKeepTheVersionTheyAreAt() {
		assertThat(jdbc.sql("""
				select version from sched_schedule_version
				where schedule_id = (select id from sched_schedule where name = 'Migratie')""")
			.query(Integer.class)
			.list()).containsExactly(1);
		assertThat(jdbc.sql("""
				select v.version || ':' || (v.snapshot ->> 'status') from sched_slot_version v
				join sched_slot s on s.id = v.slot_id join sched_schedule c on c.id = s.schedule_id
				where c.name = 'Migratie'""").query(String.class).list()).containsExactly("2:BLOCKED");
		assertThat(jdbc.sql("""
				select v.version || ':' || jsonb_array_length(v.snapshot -> 'items') || ':'
				       || (v.snapshot -> 'specimens' -> 0 ->> 'accession') || ':'
				       || (v.snapshot -> 'specimens' -> 0 -> 'items' ->> 0 = (v.snapshot -> 'items' -> 0 ->> 'id'))
				from lab_order_version v join lab_order o on o.id = v.order_id where o.placer_number = 'MIG1'""")
			.query(String.class)
			.list()).containsExactly("2:1:MIGACC1:true");
		assertThat(jdbc.sql("""
				select v.version || ':' || jsonb_array_length(v.snapshot) || ':' || (v.snapshot -> 0 ->> 'step_id')
				from imaging_request_version v
				join imaging_requested_procedure rp on rp.id = v.procedure_id
				where rp.accession_number = 'MIGACC2'""").query(String.class).list()).containsExactly("1:1:SPSMIG");

		jdbc.sql("update lab_order set status = 'REVOKED', version = version + 1 where placer_number = 'MIG1'")
			.update();
		assertThat(jdbc.sql("""
				select v.version || ':' || (v.snapshot -> 'order' ->> 'status') from lab_order_version v
				join lab_order o on o.id = v.order_id where o.placer_number = 'MIG1' order by v.version""")
			.query(String.class)
			.list()).containsExactly("2:ACTIVE", "3:REVOKED");
	}

	@Test
	void theApplicationsRoleMayWriteTheVersionTables() {
		List<String> tables = List.of("adt_location_version", "sched_schedule_version", "sched_slot_version",
				"lab_order_version", "imaging_request_version");
		for (String table : tables) {
			assertThat(jdbc.sql("select has_table_privilege(:role, :table, 'INSERT')")
				.param("role", database.username())
				.param("table", table)
				.query(Boolean.class)
				.single()).as(table).isTrue();
		}
	}

}
