import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';
import type { CsvRecord } from '../export/csv';

export interface CsvExport<R> {
  /** The file's name, without the extension (the unit and the date are added). */
  name: string;
  /** What the file holds, for the button's accessible name. */
  what: string;
  record: (row: R) => CsvRecord;
}

/** Downloads what the table shows as CSV; the CSV writer is loaded on the first click only. */
export function CsvButton({ name, what, records }: { name: string; what: string; records: () => CsvRecord[] }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const { downloadCsv } = await import('../export/csv');
      downloadCsv(name, records());
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="table-tools">
      <button type="button" class="csv-button" onClick={download} disabled={busy} aria-label={t.csv.label(what)}>
        {t.csv.download}
      </button>
    </div>
  );
}
