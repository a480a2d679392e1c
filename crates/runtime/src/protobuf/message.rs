//! `proto_message!` and `wire_check!`: a generated message's binary codec and its check of
//! what protobuf cannot write, from tables of its fields.

/// `impl prost::Message` for a type implementing [`Fields`](crate::protobuf::Fields) (`Fields` is the runtime's trait,
/// `Message` prost's: the impl has to live in the crate of the type); given a table of the
/// message's fields, the `Fields` impl too:
///
/// ```ignore
/// apigen_runtime::proto_message!(path::Message, "Message", [
///     (name, rt::Plain(rt::Str), 1),           // field, codec, number
///     (r#type, rt::Opt(rt::Msg), 2, "type"),   // the proto name, when it is not the field's
/// ]);
/// ```
#[macro_export]
macro_rules! proto_message {
    ($ty:ty, $name:literal, [$(($f:ident, $codec:expr, $tag:literal $(, $n:literal)?)),* $(,)?]) => {
        impl $crate::protobuf::field::Fields for $ty {
            #[allow(unused_variables)]
            fn fields(&self, v: &mut impl $crate::protobuf::field::Visit) {
                $(v.field($codec, $tag, &self.$f);)*
            }

            fn merge<B: ::prost::bytes::Buf>(
                &mut self,
                tag: u32,
                m: $crate::protobuf::field::Merge<'_, B>,
            ) -> ::std::result::Result<(), ::prost::DecodeError> {
                match tag {
                    $($tag => m.field($codec, &mut self.$f, $crate::__proto_field_name!($f $(, $n)?)),)*
                    _ => m.skip(tag),
                }
            }
        }

        $crate::proto_message!($ty, $name);
    };
    ($ty:ty, $name:literal) => {
        impl ::prost::Message for $ty {
            fn encode_raw(&self, buf: &mut impl ::prost::bytes::BufMut) {
                $crate::protobuf::field::Fields::fields(
                    self,
                    &mut $crate::protobuf::field::Encoder(buf),
                )
            }

            fn merge_field(
                &mut self,
                tag: u32,
                wire_type: ::prost::encoding::WireType,
                buf: &mut impl ::prost::bytes::Buf,
                ctx: ::prost::encoding::DecodeContext,
            ) -> ::std::result::Result<(), ::prost::DecodeError> {
                let merge = $crate::protobuf::field::Merge::new($name, wire_type, buf, ctx);
                $crate::protobuf::field::Fields::merge(self, tag, merge)
            }

            fn encoded_len(&self) -> usize {
                let mut sizer = $crate::protobuf::field::Sizer(0);
                $crate::protobuf::field::Fields::fields(self, &mut sizer);
                sizer.0
            }

            fn clear(&mut self) {
                *self = ::std::default::Default::default();
            }
        }
    };
}


/// The proto name of a field of `proto_message!`'s table: given, or the field's.
#[doc(hidden)]
#[macro_export]
macro_rules! __proto_field_name {
    ($f:ident, $n:literal) => {
        $n
    };
    ($f:ident) => {
        ::std::stringify!($f)
    };
}

/// A generated message's `WireCheck` impl from a table of the fields that need a check: per
/// field how it holds its values (`plain`, `opt`, `rep`, `map`, or `key`: the map's keys), the
/// check of one value (or of the map's keys) and the proto name, which errors are placed under:
///
/// ```ignore
/// apigen_runtime::wire_check!(crate::Message, [
///     (color, plain, rt::WireCheck::wire_check, "color"),
///     (by_i64, key, rt::map_key::int64::check, "by_i64"),
///     (by_i64, map, rt::WireCheck::wire_check, "by_i64"),
/// ]);
/// ```
#[macro_export]
macro_rules! wire_check {
    ($ty:ty, [$(($f:ident, $how:ident, $check:path, $name:literal)),* $(,)?]) => {
        impl $crate::protobuf::WireCheck for $ty {
            fn wire_check(&self) -> ::std::result::Result<(), $crate::validate::ValidationError> {
                $($crate::__wire_check_field!($how, $check, &self.$f, $name);)*
                ::std::result::Result::Ok(())
            }
        }
    };
}

/// One field's check of `wire_check!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_check_field {
    (plain, $check:path, $v:expr, $name:literal) => {
        $check($v).map_err(|e| e.within($name))?
    };
    (key, $check:path, $v:expr, $name:literal) => {
        $check($v).map_err(|e| e.within($name))?
    };
    (opt, $check:path, $v:expr, $name:literal) => {
        if let ::std::option::Option::Some(v) = $v {
            $check(v).map_err(|e| e.within($name))?;
        }
    };
    (rep, $check:path, $v:expr, $name:literal) => {
        for (i, v) in ($v).iter().enumerate() {
            $check(v).map_err(|e| e.within(&::std::format!("{}/{}", $name, i)))?;
        }
    };
    (map, $check:path, $v:expr, $name:literal) => {
        for (k, v) in $v {
            $check(v).map_err(|e| e.within(&::std::format!("{}/{}", $name, k)))?;
        }
    };
}
