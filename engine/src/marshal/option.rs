//! `Option<T>`: `None` ↔ `null` (JS `undefined` is accepted as `None` too).
//!
//! The signature carries the nullable bit; each call sets or clears [`FLAG_NULL`] in the slot.

use super::{FromJs, ToJs};
use crate::{
    slot::{Code, Slot, FLAG_NULL, NULLABLE},
    JsType, Result,
};

// SAFETY: `None` writes no pointer (FLAG_NULL); `Some` writes what `T` writes.
unsafe impl<T: ToJs> ToJs for Option<T> {
    const TYPE: JsType = T::TYPE;
    const NULLABLE: bool = true;
    const CODE: Code = T::CODE | NULLABLE;
    const LENDS: bool = T::LENDS;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        match self {
            Some(v) => {
                slot.flags = 0;
                v.write(slot);
            }
            None => slot.flags = FLAG_NULL,
        }
    }
    fn retain(self) {
        if let Some(v) = self {
            v.retain()
        }
    }
    fn owned_flags(&self) -> u8 {
        self.as_ref().map_or(0, T::owned_flags)
    }
    fn mark_owned(&self, slot: &mut Slot) {
        if let Some(v) = self {
            v.mark_owned(slot)
        }
    }
}

impl<T: FromJs> FromJs for Option<T> {
    const TYPE: JsType = T::TYPE;
    const NULLABLE: bool = true;
    const CODE: Code = T::CODE | NULLABLE;
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        if slot.is_null() {
            Ok(None)
        } else {
            // SAFETY: not null, so the slot holds a `T` (the caller's contract for `Option<T>`).
            unsafe { T::read(slot) }.map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_sets_the_flag_and_some_clears_it() {
        let mut s = Slot::ZERO;
        None::<i32>.write(&mut s);
        assert!(s.is_null());
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Option::<i32>::read(&s) }.unwrap(), None);
        Some(-7i32).write(&mut s);
        assert!(!s.is_null());
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Option::<i32>::read(&s) }.unwrap(), Some(-7));
        assert_eq!(<Option<i32> as ToJs>::CODE, JsType::I32.code(true));
    }
}
