//! Dates: [`JsDate`] and `std::time::SystemTime` ↔ JS `Date`, by value, millisecond precision.
//!
//! The slot holds the milliseconds since the Unix epoch as an `f64`, exactly what `Date` stores.
//! An invalid JS `Date` (`new Date(NaN)`) is a RangeError on the JS side, so Rust never sees one.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{FromJs, ToJs};
use crate::{slot::Slot, Error, ErrorKind, JsType, Result};

/// A JS `Date` by value: milliseconds since 1970-01-01T00:00:00Z (may be negative).
///
/// ```
/// use slotwire::JsDate;
/// use std::time::{Duration, UNIX_EPOCH};
/// let d = JsDate::from_millis(1_500.0).unwrap();
/// assert_eq!(std::time::SystemTime::try_from(d).unwrap(), UNIX_EPOCH + Duration::from_millis(1_500));
/// assert!(JsDate::from_millis(f64::NAN).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct JsDate(f64);

/// The largest distance from the epoch a JS `Date` can hold: 8.64e15 ms (±100,000,000 days).
pub const MAX_DATE_MILLIS: f64 = 8.64e15;

impl JsDate {
    /// A date `ms` milliseconds after the epoch. The fraction is dropped (JS `Date` does the same);
    /// NaN, infinities and values beyond ±8.64e15 are a RangeError, as in JS.
    ///
    /// ```
    /// use slotwire::JsDate;
    /// assert_eq!(JsDate::from_millis(1.9).unwrap().millis(), 1.0);
    /// assert!(JsDate::from_millis(f64::NAN).is_err());
    /// ```
    pub fn from_millis(ms: f64) -> Result<JsDate> {
        if ms.is_finite() && ms.abs() <= MAX_DATE_MILLIS {
            Ok(JsDate(ms.trunc() + 0.0))
        } else {
            Err(Error::new(
                ErrorKind::Range,
                format!("{ms} ms is not a valid JS Date"),
            ))
        }
    }

    /// Milliseconds since the epoch.
    ///
    /// ```
    /// assert_eq!(slotwire::JsDate::from_millis(86_400_000.0).unwrap().millis(), 86_400_000.0);
    /// ```
    pub fn millis(self) -> f64 {
        self.0
    }
}

impl From<SystemTime> for JsDate {
    /// Rounds toward the past to whole milliseconds. Times beyond a JS Date's range saturate at
    /// its limit.
    fn from(t: SystemTime) -> JsDate {
        let ms = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_millis() as f64,
            Err(e) => {
                let d = e.duration();
                // Toward the past: -1.5 ms is -2 ms.
                let whole = d.as_millis() as f64;
                let frac = d.as_nanos() % 1_000_000 != 0;
                -(whole + if frac { 1.0 } else { 0.0 })
            }
        };
        JsDate(ms.clamp(-MAX_DATE_MILLIS, MAX_DATE_MILLIS) + 0.0)
    }
}

impl TryFrom<JsDate> for SystemTime {
    type Error = Error;
    fn try_from(d: JsDate) -> Result<SystemTime> {
        let ms = d.0;
        let dur = Duration::from_millis(ms.abs() as u64);
        let t = if ms >= 0.0 {
            UNIX_EPOCH.checked_add(dur)
        } else {
            UNIX_EPOCH.checked_sub(dur)
        };
        t.ok_or_else(|| {
            Error::new(
                ErrorKind::Range,
                format!("{ms} ms does not fit std::time::SystemTime on this platform"),
            )
        })
    }
}

// SAFETY: a plain f64, no pointer.
unsafe impl ToJs for JsDate {
    const TYPE: JsType = JsType::Date;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.set_f64(self.0);
    }
}

impl FromJs for JsDate {
    const TYPE: JsType = JsType::Date;
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        JsDate::from_millis(slot.f64())
    }
}

// SAFETY: a plain f64, no pointer.
unsafe impl ToJs for SystemTime {
    const TYPE: JsType = JsType::Date;
    fn write(&self, slot: &mut Slot) {
        JsDate::from(*self).write(slot)
    }
}

impl FromJs for SystemTime {
    const TYPE: JsType = JsType::Date;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        // SAFETY: the same code (`Date`) as `JsDate`, whose read only takes the f64.
        SystemTime::try_from(unsafe { JsDate::read(slot) }?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_time_round_trips_at_millisecond_precision() {
        for ms in [0i64, 1, -1, 1_700_000_000_123, -86_400_000] {
            let t = if ms >= 0 {
                UNIX_EPOCH + Duration::from_millis(ms as u64)
            } else {
                UNIX_EPOCH - Duration::from_millis(ms.unsigned_abs())
            };
            let mut s = Slot::ZERO;
            t.write(&mut s);
            assert_eq!(s.f64(), ms as f64);
            // SAFETY: the test built this slot for the type read; what it points at is alive.
            assert_eq!(unsafe { SystemTime::read(&s) }.unwrap(), t);
        }
    }

    #[test]
    fn sub_millisecond_parts_round_toward_the_past() {
        let t = UNIX_EPOCH + Duration::from_micros(1_999);
        assert_eq!(JsDate::from(t).millis(), 1.0);
        let t = UNIX_EPOCH - Duration::from_micros(1_500);
        assert_eq!(JsDate::from(t).millis(), -2.0);
    }

    #[test]
    fn invalid_dates_are_range_errors() {
        for ms in [f64::NAN, f64::INFINITY, 8.64e15 + 1.0] {
            let mut s = Slot::ZERO;
            s.set_f64(ms);
            // SAFETY: the test built this slot for the type read; what it points at is alive.
            assert_eq!(
                unsafe { JsDate::read(&s) }.unwrap_err().kind(),
                ErrorKind::Range
            );
        }
    }
}
