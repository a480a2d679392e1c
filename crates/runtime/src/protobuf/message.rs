//! `proto_message!`: a generated message's binary codec from its table of fields.

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
