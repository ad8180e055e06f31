//! Numbers, booleans and `char`: the value sits in the slot's 8-byte payload.
//!
//! Types of 32 bits or less use the low 4 bytes (JS reads them with `Int32Array`/`Uint32Array`/
//! `Float32Array`); `f64` and the 64-bit integers use all 8 (`Float64Array`/`BigInt64Array`).

use super::{FromJs, ToJs};
use crate::{slot::Slot, Error, ErrorKind, JsType, Result};

macro_rules! small_int {
    ($($t:ty => $code:ident),* $(,)?) => {$(
        // SAFETY: a plain number in the value, no pointer; `ELEMENT_DIRECT`: `$t` is the size
        // of its `JsType`.
        unsafe impl ToJs for $t {
            const TYPE: JsType = JsType::$code;
            const ELEMENT_DIRECT: bool = true;
            const FAST: bool = true;
            #[inline]
            fn to_f64(&self) -> f64 {
                *self as f64
            }
            #[inline]
            fn to_i32(&self) -> i32 {
                *self as i32
            }
            #[inline]
            fn write(&self, slot: &mut Slot) {
                // Sign-extended to 32 bits: JS reads Int32Array for signed, Uint32Array for
                // unsigned codes.
                slot.value = (*self as i32 as u32) as u64;
            }
        }
        impl FromJs for $t {
            const TYPE: JsType = JsType::$code;
            #[inline]
            unsafe fn read(slot: &Slot) -> Result<Self> {
                // JS checked the range before writing.
                Ok(slot.value as u32 as $t)
            }
            const FAST: bool = true;
            #[inline]
            fn from_f64(v: f64) -> Self {
                // JS checked that it is an integer in range. Through i64, so that the same
                // value as the i32 a closure's i32 entry received (ToInt32: a u32 above 2^31
                // arrives negative) wraps back to it.
                v as i64 as $t
            }
            #[inline]
            fn from_i32(v: i32) -> Self {
                // As `from_f64(f64::from(v))`: the low bits (a u32 above 2^31 arrives negative).
                v as $t
            }
        }
    )*};
}

small_int!(u8 => U8, i8 => I8, u16 => U16, i16 => I16, u32 => U32, i32 => I32);

// Pointer-sized: 32 bits on wasm32 (what JS reads); stored widened so native tests round-trip.
// SAFETY: a plain value in the slot's payload, no pointer.
unsafe impl ToJs for usize {
    const TYPE: JsType = JsType::USize;
    const FAST: bool = true;
    #[inline]
    fn to_f64(&self) -> f64 {
        *self as f64
    }
    #[inline]
    fn to_i32(&self) -> i32 {
        *self as i32
    }
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.value = *self as u64;
    }
}

impl FromJs for usize {
    const TYPE: JsType = JsType::USize;
    const FAST: bool = true;
    #[inline]
    fn from_f64(v: f64) -> Self {
        // Through i64: see the small integers' `from_f64`.
        v as i64 as usize
    }
    #[inline]
    fn from_i32(v: i32) -> Self {
        // As `from_f64(f64::from(v))` on wasm32 (32-bit usize): the bits.
        v as isize as usize
    }
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(slot.value as usize)
    }
}

// SAFETY: a plain value in the slot's payload, no pointer.
unsafe impl ToJs for isize {
    const TYPE: JsType = JsType::ISize;
    const FAST: bool = true;
    #[inline]
    fn to_f64(&self) -> f64 {
        *self as f64
    }
    #[inline]
    fn to_i32(&self) -> i32 {
        *self as i32
    }
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.value = *self as i64 as u64;
    }
}

impl FromJs for isize {
    const TYPE: JsType = JsType::ISize;
    const FAST: bool = true;
    #[inline]
    fn from_f64(v: f64) -> Self {
        v as i64 as isize
    }
    #[inline]
    fn from_i32(v: i32) -> Self {
        v as isize
    }
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(slot.value as i64 as isize)
    }
}

// SAFETY: a plain value in the slot's payload, no pointer.
unsafe impl ToJs for bool {
    const TYPE: JsType = JsType::Bool;
    const FAST: bool = true;
    #[inline]
    fn to_f64(&self) -> f64 {
        if *self {
            1.0
        } else {
            0.0
        }
    }
    #[inline]
    fn to_i32(&self) -> i32 {
        i32::from(*self)
    }
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.value = *self as u64;
    }
}

impl FromJs for bool {
    const TYPE: JsType = JsType::Bool;
    const FAST: bool = true;
    #[inline]
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    #[inline]
    fn from_i32(v: i32) -> Self {
        v != 0
    }
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(slot.value as u32 != 0)
    }
}

// SAFETY: a plain number in the value, no pointer; `ELEMENT_DIRECT`: 4 bytes, as `F32`.
unsafe impl ToJs for f32 {
    const TYPE: JsType = JsType::F32;
    const ELEMENT_DIRECT: bool = true;
    const FAST: bool = true;
    #[inline]
    fn to_f64(&self) -> f64 {
        *self as f64
    }
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.value = self.to_bits() as u64;
    }
}

impl FromJs for f32 {
    const TYPE: JsType = JsType::F32;
    const FAST: bool = true;
    #[inline]
    fn from_f64(v: f64) -> Self {
        v as f32
    }
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(f32::from_bits(slot.value as u32))
    }
}

// SAFETY: a plain number in the value, no pointer; `ELEMENT_DIRECT`: 8 bytes, as `F64`.
unsafe impl ToJs for f64 {
    const TYPE: JsType = JsType::F64;
    const ELEMENT_DIRECT: bool = true;
    const FAST: bool = true;
    #[inline]
    fn to_f64(&self) -> f64 {
        *self
    }
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.set_f64(*self);
    }
}

impl FromJs for f64 {
    const TYPE: JsType = JsType::F64;
    const FAST: bool = true;
    #[inline]
    fn from_f64(v: f64) -> Self {
        v
    }
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(slot.f64())
    }
}

/// `i64` and `u64` default to `bigint`; `#[js(number)]` (or [`JsType::I64Number`] in a
/// [`Binding`](crate::Binding) signature) marshals them as a safe-integer `number` instead. The
/// slot bytes are the same either way.
// SAFETY: a plain number in the value, no pointer; `ELEMENT_DIRECT`: 8 bytes, as `I64`.
unsafe impl ToJs for i64 {
    const TYPE: JsType = JsType::I64;
    const ELEMENT_DIRECT: bool = true;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.set_i64(*self);
    }
}

impl FromJs for i64 {
    const TYPE: JsType = JsType::I64;
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(slot.i64())
    }
}

// SAFETY: a plain number in the value, no pointer; `ELEMENT_DIRECT`: 8 bytes, as `U64`.
unsafe impl ToJs for u64 {
    const TYPE: JsType = JsType::U64;
    const ELEMENT_DIRECT: bool = true;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.value = *self;
    }
}

impl FromJs for u64 {
    const TYPE: JsType = JsType::U64;
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(slot.value)
    }
}

/// A `char` is one code point; JS sees a string of one code point ("𝄞" is two UTF-16 units).
// SAFETY: a plain value in the slot's payload, no pointer.
unsafe impl ToJs for char {
    const TYPE: JsType = JsType::Char;
    const FAST: bool = true;
    #[inline]
    fn to_f64(&self) -> f64 {
        *self as u32 as f64
    }
    #[inline]
    fn to_i32(&self) -> i32 {
        *self as u32 as i32
    }
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.value = *self as u32 as u64;
    }
}

impl FromJs for char {
    const TYPE: JsType = JsType::Char;
    const FAST: bool = true;
    #[inline]
    fn from_f64(v: f64) -> Self {
        char::from_u32(v as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
    #[inline]
    fn from_i32(v: i32) -> Self {
        // JS passes a checked scalar value; anything else (only a direct call of the entry can
        // pass it) is U+FFFD.
        char::from_u32(v as u32).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
    #[inline]
    unsafe fn read(slot: &Slot) -> Result<Self> {
        let cp = slot.value as u32;
        char::from_u32(cp).ok_or_else(|| {
            Error::new(
                ErrorKind::Range,
                format!("{cp:#x} is not a Unicode scalar value"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The i32 entries' conversions (`from_i32`, `to_i32`) agree with the f64 ones they stand
    /// in for, for every type and the values JS passes (ToInt32 of a checked value) and more.
    #[test]
    fn i32_conversions_agree_with_f64_ones() {
        let edges: Vec<i32> = [
            0,
            1,
            -1,
            127,
            -128,
            255,
            256,
            32767,
            -32768,
            65535,
            65536,
            0x10ffff,
            0xd800,
            i32::MAX,
            i32::MIN,
            -1294967296,
        ]
        .into_iter()
        .chain((0..2000).map(|i| i * 1_000_003 - 1_000_000_000))
        .collect();
        fn check<T: FromJs + ToJs + PartialEq + core::fmt::Debug>(v: i32) {
            let a = T::from_i32(v);
            let b = T::from_f64(f64::from(v));
            assert_eq!(a, b, "from_i32({v}) for {}", <T as FromJs>::TYPE.name());
            assert_eq!(
                a.to_i32(),
                a.to_f64() as i64 as i32,
                "to_i32 of {a:?} ({})",
                <T as FromJs>::TYPE.name()
            );
        }
        for &v in &edges {
            check::<u8>(v);
            check::<i8>(v);
            check::<u16>(v);
            check::<i16>(v);
            check::<u32>(v);
            check::<i32>(v);
            // usize: natively 64 bits, where a negative i32 makes a value wasm32 never has.
            if v >= 0 || cfg!(target_pointer_width = "32") {
                check::<usize>(v);
            }
            check::<isize>(v);
            check::<bool>(v);
            // char: the values JS passes (scalar values) agree; others are U+FFFD or NUL.
            if v >= 0 && char::from_u32(v as u32).is_some() {
                check::<char>(v);
            } else {
                assert_eq!(char::from_i32(v), char::REPLACEMENT_CHARACTER);
            }
        }
        assert_eq!(().to_i32(), 0);
    }

    fn round<T: ToJs + FromJs + PartialEq + core::fmt::Debug + Copy>(v: T) {
        let mut s = Slot::ZERO;
        v.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { T::read(&s) }.unwrap(), v);
    }

    #[test]
    fn edges_round_trip() {
        for v in [0i8, -1, i8::MIN, i8::MAX] {
            round(v);
        }
        for v in [0u8, 1, u8::MAX] {
            round(v);
        }
        for v in [0i16, -1, i16::MIN, i16::MAX] {
            round(v);
        }
        for v in [0u16, u16::MAX] {
            round(v);
        }
        for v in [0i32, -1, i32::MIN, i32::MAX] {
            round(v);
        }
        for v in [0u32, u32::MAX] {
            round(v);
        }
        for v in [0i64, -1, i64::MIN, i64::MAX] {
            round(v);
        }
        for v in [0u64, u64::MAX] {
            round(v);
        }
        for v in [0usize, usize::MAX] {
            round(v);
        }
        for v in [0isize, -1, isize::MIN, isize::MAX] {
            round(v);
        }
        for v in [true, false] {
            round(v);
        }
        for v in ['a', '\0', 'é', '𝄞', char::MAX] {
            round(v);
        }
        for v in [
            0.0f64,
            -0.0,
            1.5,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
        ] {
            let mut s = Slot::ZERO;
            v.write(&mut s);
            // SAFETY: the test built this slot for the type read; what it points at is alive.
            assert_eq!(unsafe { f64::read(&s) }.unwrap().to_bits(), v.to_bits());
        }
        let mut s = Slot::ZERO;
        f32::NAN.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert!(unsafe { f32::read(&s) }.unwrap().is_nan());
    }

    #[test]
    fn signed_small_ints_are_sign_extended_for_int32_array() {
        let mut s = Slot::ZERO;
        (-5i8).write(&mut s);
        assert_eq!(s.value as u32 as i32, -5);
    }

    #[test]
    fn surrogate_code_point_is_rejected() {
        let mut s = Slot::ZERO;
        s.value = 0xD800;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(
            unsafe { char::read(&s) }.unwrap_err().kind(),
            ErrorKind::Range
        );
    }
}
