package continuum.imaging;

import java.sql.Timestamp;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The radiologist's worklist: one query over procedures, PACS studies and reports. */
@Repository
class ReadingRepository {

	/** A procedure to read, with its report's status and since when it waits. */
	record Row(ReportedProcedure procedure, java.time.Instant since, @Nullable ImagingReportStatus reportStatus) {
	}

	private final JdbcClient jdbc;

	ReadingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Procedures completed, or whose study the PACS has received, with no signed or
	 * withdrawn report: STAT first, then urgent, then routine, oldest first within each.
	 */
	List<Row> toRead(@Nullable String modality, int limit) {
		return jdbc
			.sql(ReportRepository.PROCEDURE.replace("select rp.id", "select r.status as report_status, rp.id") + """
					left join imaging_report r on r.requested_procedure_id = rp.id
					where (rp.status = 'COMPLETED' or (s.id is not null and rp.status <> 'CANCELLED'))
					  and (r.id is null or r.status in ('DRAFT', 'PRELIMINARY'))
					  and (cast(:modality as text) is null or p.modality = :modality)
					order by case o.priority when 'STAT' then 0 when 'URGENT' then 1 else 2 end,
					         coalesce(s.created_at, rp.updated_at), rp.id
					limit :limit""")
			.param("modality", modality)
			.param("limit", limit)
			.query((rs, n) -> {
				Timestamp received = rs.getTimestamp("received_at");
				String status = rs.getString("report_status");
				ReportedProcedure procedure = ReportRepository.procedure(rs, n);
				return new Row(procedure, received == null ? procedure.updatedAt() : received.toInstant(),
						status == null ? null : ImagingReportStatus.valueOf(status));
			})
			.list();
	}

	/** The modalities of the catalogue, for the worklist's filter. */
	List<String> modalities() {
		return jdbc.sql("select distinct modality from imaging_procedure order by modality").query(String.class).list();
	}

}
