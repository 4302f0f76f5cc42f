package emit

import (
	"github.com/dave/jennifer/jen"
	"github.com/svcgen/svcgen/generator/ir"
)

const eventstreamPath = runtimePath + "/eventstream"

// isEventStream reports whether m is an operation's event-stream member: its Go type
// is a *eventstream.Stream of the event-stream structure, not the structure.
func isEventStream(m *ir.Member) bool {
	return m != nil && m.Shape.EventStream && m.Parent != nil && (m.Parent.IsInput || m.Parent.IsOutput)
}

// eventStreamType is eventstream.Stream[types.X] for the event-stream structure sh.
func eventStreamType(typesPath string, sh *ir.Shape) *jen.Statement {
	return jen.Qual(eventstreamPath, "Stream").Types(jen.Qual(typesPath, sh.GoName))
}

// Event streams: an operation's input or output member that targets an eventstream
// structure is a *eventstream.Stream[types.X] (package runtime/eventstream reads and
// writes the framing, once for every package). What is generated per event-stream
// structure X is only each event's encoding, in internal/serde/eventstreams.go:
//
//	func DecodeXEventMessage(typ string, m *eventstream.Message) (v types.X, ok bool, err error)
//	func EncodeXEventMessage(v types.X) (eventstream.Message, error)
//	func EncodeXExceptionMessage(err error) (eventstream.Message, bool)
//
// Each event member's body is the JSON of its structure (rest-json and awsJson), or,
// for an event whose member has the eventpayload trait, that member's bytes.

// eventStreamShapes are the event-stream structures the operations use, in model order.
func (g *gen) eventStreamShapes() []*ir.Shape {
	var out []*ir.Shape
	seen := map[*ir.Shape]bool{}
	for _, op := range g.svc.Operations {
		for _, sh := range []*ir.Shape{op.Input, op.Output} {
			for _, m := range sh.Members {
				if isEventStream(m) && !seen[m.Shape] {
					seen[m.Shape] = true
					out = append(out, m.Shape)
				}
			}
		}
	}
	return out
}

// eventStreamFuncName is the name of a generated event function of the structure sh.
func (g *gen) eventStreamFuncName(prefix string, sh *ir.Shape, suffix string) *jen.Statement {
	return jen.Qual(g.serdePath, prefix+g.serde.name[sh]+suffix)
}

// eventStreamSerdeFile writes internal/serde/eventstreams.go, when an operation has an
// event stream.
func (g *gen) eventStreamSerdeFile() {
	codec := g.proto.events()
	shapes := g.eventStreamShapes()
	if len(shapes) == 0 || codec == nil {
		return
	}
	f := g.newFile(g.serdePath, "serde")
	f.ImportName(eventstreamPath, "eventstream")
	for _, sh := range shapes {
		g.eventDecodeFunc(f, sh)
		g.eventEncodeFunc(f, sh)
		g.exceptionEncodeFunc(f, sh)
	}
	g.render(serdeRel+"/eventstreams.go", f)
}

// eventPayloadMember is the member of an event structure with the eventpayload trait.
func eventPayloadMember(ev *ir.Shape) *ir.Member {
	for _, m := range ev.Members {
		if m.EventPayload {
			return m
		}
	}
	return nil
}

// eventDecodeFunc declares DecodeXEventMessage: the event or modeled exception a
// message of type typ holds.
func (g *gen) eventDecodeFunc(f *jen.File, sh *ir.Shape) {
	codec := g.proto.events()
	var cases []jen.Code
	for _, em := range sh.Members {
		x := jen.Id("v").Dot(em.GoName)
		payload := jen.Id("m").Dot("Payload")
		if em.Shape.Error != nil {
			exc, dec := codec.exception(em.Shape)
			cases = append(cases, jen.Case(jen.Lit(em.WireName)).Block(
				jen.Return(jen.Id("v"), jen.True(), jen.Qual(eventstreamPath, exc).Call(payload,
					jen.Op("&").Qual(g.typesPath, em.Shape.GoName).Values(), dec))))
			continue
		}
		var body []jen.Code
		if pm := eventPayloadMember(em.Shape); pm != nil {
			px := x.Clone().Dot(pm.GoName)
			body = append(body, x.Clone().Op("=").Op("&").Qual(g.typesPath, em.Shape.GoName).Values())
			switch pm.Shape.Kind {
			case ir.Blob:
				body = append(body, px.Op("=").Add(payload))
			case ir.String:
				s := jen.String().Parens(payload)
				if pm.Pointer {
					body = append(body, jen.Id("s").Op(":=").Add(s), px.Op("=").Op("&").Id("s"))
				} else {
					body = append(body, px.Op("=").Add(s))
				}
			default:
				body = append(body, codec.decode(pm, px, payload)...)
			}
		} else {
			body = append(body, codec.decode(em, x, payload)...)
		}
		body = append(body, jen.Return(jen.Id("v"), jen.True(), jen.Err()))
		cases = append(cases, jen.Case(jen.Lit(em.WireName)).Block(body...))
	}
	name := "Decode" + g.serde.name[sh] + "EventMessage"
	f.Comment(name + " decodes one event or modeled exception of a " + sh.GoName + " stream;")
	f.Comment("ok is false for a type the model does not name.")
	f.Func().Id(name).Params(jen.Id("typ").String(), jen.Id("m").Op("*").Qual(eventstreamPath, "Message")).Params(
		jen.Id("v").Qual(g.typesPath, sh.GoName), jen.Id("ok").Bool(), jen.Err().Error(),
	).Block(
		jen.Switch(jen.Id("typ")).Block(cases...),
		jen.Return(jen.Id("v"), jen.False(), jen.Nil()),
	)
	f.Line()
}

// eventEncodeFunc declares EncodeXEventMessage: the message of the event's one set
// member.
func (g *gen) eventEncodeFunc(f *jen.File, sh *ir.Shape) {
	codec := g.proto.events()
	var cases []jen.Code
	for _, em := range sh.Members {
		if em.Shape.Error != nil {
			continue
		}
		x := jen.Id("v").Dot(em.GoName)
		typ := jen.Lit(em.WireName)
		var msg jen.Code
		if pm := eventPayloadMember(em.Shape); pm != nil {
			px := x.Clone().Dot(pm.GoName)
			switch pm.Shape.Kind {
			case ir.Blob:
				msg = jen.Qual(eventstreamPath, "EventMessage").Call(typ, jen.Lit("application/octet-stream"), px)
			case ir.String:
				msg = jen.Qual(eventstreamPath, "EventMessage").Call(typ, jen.Lit("text/plain"), jen.Index().Byte().Parens(deref(pm, px)))
			default:
				ct, payload := codec.encode(pm, px)
				msg = jen.Qual(eventstreamPath, "EventMessage").Call(typ, jen.Lit(ct), payload)
			}
		} else {
			ct, payload := codec.encode(em, x)
			msg = jen.Qual(eventstreamPath, "EventMessage").Call(typ, jen.Lit(ct), payload)
		}
		cases = append(cases, jen.Case(x.Clone().Op("!=").Nil()).Block(jen.Return(msg, jen.Nil())))
	}
	name := "Encode" + g.serde.name[sh] + "EventMessage"
	f.Comment(name + " encodes an event of a " + sh.GoName + " stream: its one set member.")
	f.Func().Id(name).Params(jen.Id("v").Qual(g.typesPath, sh.GoName)).Params(jen.Qual(eventstreamPath, "Message"), jen.Error()).Block(
		jen.Switch().Block(cases...),
		jen.Return(jen.Qual(eventstreamPath, "Message").Values(), jen.Qual(eventstreamPath, "ErrEmptyEvent")),
	)
	f.Line()
}

// exceptionEncodeFunc declares EncodeXExceptionMessage: the exception message of an
// error the structure models.
func (g *gen) exceptionEncodeFunc(f *jen.File, sh *ir.Shape) {
	codec := g.proto.events()
	var body []jen.Code
	for _, em := range sh.Members {
		if em.Shape.Error == nil {
			continue
		}
		ct, payload := codec.encodeException(em.Shape, jen.Id("e"))
		body = append(body, jen.Block(
			jen.Var().Id("e").Op("*").Qual(g.typesPath, em.Shape.GoName),
			jen.If(jen.Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("e"))).Block(
				jen.Return(jen.Qual(eventstreamPath, "ExceptionMessage").Call(jen.Lit(em.WireName), jen.Lit(ct), payload), jen.True()),
			),
		))
	}
	name := "Encode" + g.serde.name[sh] + "ExceptionMessage"
	f.Comment(name + " encodes an error a " + sh.GoName + " stream models as its exception")
	f.Comment("message; ok is false for any other error.")
	f.Func().Id(name).Params(jen.Err().Error()).Params(jen.Qual(eventstreamPath, "Message"), jen.Bool()).Block(
		append(body, jen.Return(jen.Qual(eventstreamPath, "Message").Values(), jen.False()))...,
	)
	f.Line()
}

// eventStreamOutputDecode sets the output's stream from the open response body.
func (g *gen) eventStreamOutputDecode(p *ir.Member, x *jen.Statement) []jen.Code {
	return []jen.Code{x.Op("=").Qual(eventstreamPath, "NewReader").Call(jen.Id("resp").Dot("Body"), g.eventStreamFuncName("Decode", p.Shape, "EventMessage"))}
}

// eventStreamOutputEncode makes the server's response body the output's stream.
func (g *gen) eventStreamOutputEncode(r *jen.Statement, p *ir.Member, x *jen.Statement) []jen.Code {
	return []jen.Code{
		r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Qual(eventstreamPath, "ContentType")),
		r.Clone().Dot("SetStream").Call(jen.Qual(eventstreamPath, "Body").Call(x,
			g.eventStreamFuncName("Encode", p.Shape, "EventMessage"), g.eventStreamFuncName("Encode", p.Shape, "ExceptionMessage"))),
	}
}

// hasEventStreamOutput reports whether op's output is an event stream.
func hasEventStreamOutput(op *ir.Operation) bool {
	for _, m := range op.Output.Members {
		if isEventStream(m) {
			return true
		}
	}
	return false
}

// eventStreamInputSerialize makes the request body the input's event stream, each event
// signed (eventstream.InputBody).
func (g *gen) eventStreamInputSerialize(p *ir.Member, x *jen.Statement) []jen.Code {
	r := jen.Id("r")
	return []jen.Code{jen.If(x.Clone().Op("!=").Nil()).Block(
		r.Clone().Dot("BodyReader").Op("=").Qual(eventstreamPath, "InputBody").Call(x, g.eventStreamFuncName("Encode", p.Shape, "EventMessage")),
		r.Clone().Dot("SetPayloadHash").Call(jen.Qual(eventstreamPath, "StreamingEventsPayload")),
		r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Qual(eventstreamPath, "ContentType")),
		r.Clone().Dot("SetHeader").Call(jen.Lit("X-Amz-Content-Sha256"), jen.Qual(eventstreamPath, "StreamingEventsPayload")),
	)}
}

// eventStreamInputDecode reads the input's event stream from the body the server
// received.
func (g *gen) eventStreamInputDecode(p *ir.Member, x *jen.Statement) []jen.Code {
	return []jen.Code{x.Op("=").Qual(eventstreamPath, "NewInputReader").Call(jen.Id("c").Dot("Body").Call(), g.eventStreamFuncName("Decode", p.Shape, "EventMessage"))}
}

// eventStreamBodyMember is the event-stream member of an output bound to the body, not
// the payload (the awsJson protocols): it follows an initial-response message that
// holds the other members.
func eventStreamBodyMember(out *ir.Shape) *ir.Member {
	if out.Payload != nil {
		return nil
	}
	for _, m := range out.Members {
		if isEventStream(m) && m.Location == ir.InBody {
			return m
		}
	}
	return nil
}

// eventStreamInitialDecode reads the initial-response into the output's other members,
// then sets the stream.
func (g *gen) eventStreamInitialDecode(out *ir.Shape, sm *ir.Member) []jen.Code {
	var cases []jen.Code
	for _, m := range out.Members {
		if m != sm && m.Location == ir.InBody {
			cases = append(cases, jen.Case(jen.Lit(m.WireName)).Block(g.decodeInto(m, jen.Id("v").Dot(m.GoName))))
		}
	}
	cases = append(cases, jen.Default().Block(jen.Id("d").Dot("Skip").Call()))
	initial := jen.Func().Params(jen.Id("payload").Index().Byte()).Error().Block(
		jen.Return(jen.Qual(eventstreamPath, "DecodeJSON").Call(jen.Id("payload"), jen.Func().Params(jen.Id("d").Op("*").Qual(jsonwirePath, "Decoder")).Block(
			jen.For(jen.Id("d").Dot("ObjectNext").Call()).Block(jen.Switch(jen.String().Parens(jen.Id("d").Dot("Key").Call())).Block(cases...)),
		))),
	)
	return []jen.Code{
		jen.List(jen.Id("s"), jen.Err()).Op(":=").Qual(eventstreamPath, "NewReaderInitial").Call(jen.Id("resp").Dot("Body"), g.eventStreamFuncName("Decode", sm.Shape, "EventMessage"), initial),
		jen.Id("v").Dot(sm.GoName).Op("=").Id("s"),
		jen.Return(jen.Err()),
	}
}

// eventStreamInitialEncode sends the output's other members as the initial-response,
// then the stream.
func (g *gen) eventStreamInitialEncode(r *jen.Statement, sm *ir.Member, members []jen.Code) []jen.Code {
	initial := jen.Qual(eventstreamPath, "EncodeJSON").Call(jen.Func().Params(jen.Id("w").Op("*").Qual(jsonwirePath, "Writer")).Block(
		append(append([]jen.Code{jen.Id("w").Dot("ObjectStart").Call()}, members...), jen.Id("w").Dot("ObjectEnd").Call())...))
	return []jen.Code{
		r.Clone().Dot("SetHeader").Call(jen.Lit("Content-Type"), jen.Qual(eventstreamPath, "ContentType")),
		r.Clone().Dot("SetStream").Call(jen.Qual(eventstreamPath, "BodyInitial").Call(initial, jen.Id("v").Dot(sm.GoName),
			g.eventStreamFuncName("Encode", sm.Shape, "EventMessage"), g.eventStreamFuncName("Encode", sm.Shape, "ExceptionMessage"))),
	}
}

// xmlEventDecode decodes an XML payload into the structure x points to.
func (g *gen) xmlEventDecode(sh *ir.Shape, x *jen.Statement) jen.Code {
	return jen.Err().Op("=").Qual(eventstreamPath, "DecodeXML").Call(jen.Id("m").Dot("Payload"), jen.Func().Params(jen.Id("d").Op("*").Qual(xmlwirePath, "Decoder")).Block(
		g.eventStreamFuncName("XMLDecode", sh, "").Call(jen.Id("d"), x.Clone()),
	))
}

// eventCodec is how a protocol writes the payloads of event-stream messages: JSON for
// the JSON protocols, XML for rest-xml.
type eventCodec interface {
	// exception is the runtime/eventstream function that reads a modeled exception's
	// message, and the serde decoder it is given for sh.
	exception(sh *ir.Shape) (fn string, dec jen.Code)
	// decode decodes payload into x, the value of member m (an event, or its
	// eventpayload member when that is a structure).
	decode(m *ir.Member, x, payload *jen.Statement) []jen.Code
	// encode is the content type and the encoded payload of x, the value of member m
	// (an event, or its eventpayload member when that is a structure).
	encode(m *ir.Member, x *jen.Statement) (contentType string, payload jen.Code)
	// encodeException is the content type and the encoded payload of the modeled
	// exception e of shape sh.
	encodeException(sh *ir.Shape, e *jen.Statement) (contentType string, payload jen.Code)
}

// jsonEvents are JSON event payloads, read and written.
type jsonEvents struct{ g *gen }

func (c jsonEvents) exception(sh *ir.Shape) (string, jen.Code) {
	return "Exception", c.g.eventStreamFuncName("Decode", sh, "")
}

func (c jsonEvents) decode(m *ir.Member, x, payload *jen.Statement) []jen.Code {
	return []jen.Code{jen.Err().Op("=").Qual(eventstreamPath, "DecodeJSON").Call(payload.Clone(), jen.Func().Params(jen.Id("d").Op("*").Qual(jsonwirePath, "Decoder")).Block(c.g.decodeInto(m, x)))}
}

func (c jsonEvents) encode(m *ir.Member, x *jen.Statement) (string, jen.Code) {
	return "application/json", jen.Qual(eventstreamPath, "EncodeJSON").Call(jen.Func().Params(jen.Id("w").Op("*").Qual(jsonwirePath, "Writer")).Block(c.g.encodeValue(m, x)...))
}

func (c jsonEvents) encodeException(sh *ir.Shape, e *jen.Statement) (string, jen.Code) {
	return "application/json", jen.Qual(eventstreamPath, "EncodeJSON").Call(jen.Func().Params(jen.Id("w").Op("*").Qual(jsonwirePath, "Writer")).Block(
		c.g.eventStreamFuncName("Encode", sh, "").Call(jen.Id("w"), e)))
}

// xmlEvents are XML event payloads (rest-xml: S3's SelectObjectContent), each an
// element named after its shape.
type xmlEvents struct{ g *gen }

func (c xmlEvents) exception(sh *ir.Shape) (string, jen.Code) {
	return "ExceptionXML", c.g.eventStreamFuncName("XMLDecode", sh, "")
}

func (c xmlEvents) decode(m *ir.Member, x, payload *jen.Statement) []jen.Code {
	return []jen.Code{x.Clone().Op("=").Op("&").Qual(c.g.typesPath, m.Shape.GoName).Values(), c.g.xmlEventDecode(m.Shape, x)}
}

func (c xmlEvents) encode(m *ir.Member, x *jen.Statement) (string, jen.Code) {
	return "text/xml", c.xml(m.Shape, x)
}

func (c xmlEvents) encodeException(sh *ir.Shape, e *jen.Statement) (string, jen.Code) {
	return "text/xml", c.xml(sh, e)
}

func (c xmlEvents) xml(sh *ir.Shape, x *jen.Statement) jen.Code {
	return jen.Qual(eventstreamPath, "EncodeXML").Call(jen.Func().Params(jen.Id("w").Op("*").Qual(xmlwirePath, "Writer")).Block(
		c.g.eventStreamFuncName("XMLEncode", sh, "").Call(jen.Id("w"), jen.Lit(sh.Name), x.Clone())))
}
