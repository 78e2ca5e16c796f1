//! The one CSV writer: quoting is the `csv` crate's, cell escaping [`super::escape::csv`]'s
//! (done by the caller, who knows which cells are tracker text).

/// CSV text of `rows`, the header first. Every row of one table has as many cells as
/// the header (renderers write fixed-size arrays), and writing to memory cannot fail,
/// so no error is left to report.
pub fn to_text<R, C>(rows: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let written = w.write_record(row);
        debug_assert!(written.is_ok(), "CSV row: {written:?}");
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}
